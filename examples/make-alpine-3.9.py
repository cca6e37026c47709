#!/usr/bin/env python3
# Rebuilds examples/alpine-3.9: an OCI image layout whose base layer is the Alpine 3.9.6
# minirootfs from ../shared/images and whose second layer adds Python package metadata
# (setuptools 51.3.3 METADATA from trivy's test fixtures) the way `pip install` leaves it;
# a third layer adds an application jar: the Maven metadata (MANIFEST.MF, pom.properties,
# pom.xml) of Guava 31.1-jre, copied from the real jar in osv-scalibr's test data (the
# class files are left out: scanners read only the metadata); and examples/advisories/:
# the Alpine secdb records for v3.9, the PyPA records for setuptools and the GitHub
# advisory-database records for Guava (CVSS-rated). Usage:
# python3 examples/make-alpine-3.9.py [SHARED_DIR]
import gzip, hashlib, io, json, os, shutil, sys, tarfile, zipfile

here = os.path.dirname(os.path.abspath(__file__))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'shared')
rootfs = os.path.join(shared, 'images/alpinelinux__docker-alpine/v3.9/x86_64/alpine-minirootfs-3.9.6-x86_64.tar.gz')
out = os.path.join(here, 'alpine-3.9')
shutil.rmtree(out, ignore_errors=True)
os.makedirs(os.path.join(out, 'blobs/sha256'))

def blob(data):
    d = hashlib.sha256(data).hexdigest()
    with open(os.path.join(out, 'blobs/sha256', d), 'wb') as f:
        f.write(data)
    return 'sha256:' + d, len(data)

def tar_layer(dirs, path, data):
    """A deterministic tar.gz layer (fixed mtimes, root owner) of some directories and one
    file; returns (digest, size, diff_id)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode='w', format=tarfile.USTAR_FORMAT) as tar:
        for d in dirs:
            ti = tarfile.TarInfo(d.rstrip('/')); ti.type = tarfile.DIRTYPE; ti.mode = 0o755; ti.mtime = 1587690000
            tar.addfile(ti)
        ti = tarfile.TarInfo(path); ti.size = len(data); ti.mode = 0o644; ti.mtime = 1587690000
        tar.addfile(ti, io.BytesIO(data))
    plain = raw.getvalue()
    digest, size = blob(gzip.compress(plain, mtime=0))
    return digest, size, 'sha256:' + hashlib.sha256(plain).hexdigest()

layer = open(rootfs, 'rb').read()
diff_id = 'sha256:' + hashlib.sha256(gzip.decompress(layer)).hexdigest()
layer_digest, layer_size = blob(layer)
# Second layer: a deterministic tar.gz (fixed mtimes/owners) holding the dist-info.
meta = open(os.path.join(shared, 'data/pkgdb/aquasecurity__trivy/pkg/fanal/analyzer/language/python/packaging/testdata/classifier-license-dist/setuptools-51.3.3.dist-info/METADATA'), 'rb').read()
app_digest, app_size, app_diff = tar_layer(
    ('usr/', 'usr/lib/', 'usr/lib/python3.6/', 'usr/lib/python3.6/site-packages/', 'usr/lib/python3.6/site-packages/setuptools-51.3.3.dist-info/'),
    'usr/lib/python3.6/site-packages/setuptools-51.3.3.dist-info/METADATA', meta)

# Third layer: /opt/app/lib/guava-31.1-jre.jar with the real jar's META-INF metadata
# members (names, timestamps and bytes as in the original), re-zipped deterministically.
real_jar = os.path.join(shared, 'data/pkgdb/google__osv-scalibr/extractor/filesystem/language/java/archive/testdata/guava-31.1-jre.jar')
jar_raw = io.BytesIO()
with zipfile.ZipFile(real_jar) as src_jar, zipfile.ZipFile(jar_raw, 'w') as out_jar:
    for info in src_jar.infolist():
        if info.filename == 'META-INF/MANIFEST.MF' or info.filename.startswith('META-INF/maven/') or info.filename == 'META-INF/':
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zi.compress_type = zipfile.ZIP_STORED if info.filename.endswith('/') else zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            out_jar.writestr(zi, src_jar.read(info.filename))
jar = jar_raw.getvalue()
jar_digest, jar_size, jar_diff = tar_layer(('opt/', 'opt/app/', 'opt/app/lib/'), 'opt/app/lib/guava-31.1-jre.jar', jar)

config = {
    'architecture': 'amd64', 'os': 'linux', 'created': '2020-04-24T01:00:00Z',
    'config': {'Env': ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], 'Cmd': ['/bin/sh']},
    'rootfs': {'type': 'layers', 'diff_ids': [diff_id, app_diff, jar_diff]},
    'history': [{'created': '2020-04-24T01:00:00Z', 'created_by': 'ADD alpine-minirootfs-3.9.6-x86_64.tar.gz /'},
                {'created': '2020-04-24T01:00:00Z', 'created_by': 'COPY setuptools-51.3.3.dist-info /usr/lib/python3.6/site-packages/'},
                {'created': '2020-04-24T01:00:00Z', 'created_by': 'COPY guava-31.1-jre.jar /opt/app/lib/'}],
}
cfg_digest, cfg_size = blob(json.dumps(config, separators=(',', ':')).encode())
manifest = {
    'schemaVersion': 2, 'mediaType': 'application/vnd.oci.image.manifest.v1+json',
    'config': {'mediaType': 'application/vnd.oci.image.config.v1+json', 'digest': cfg_digest, 'size': cfg_size},
    'layers': [{'mediaType': 'application/vnd.oci.image.layer.v1.tar+gzip', 'digest': layer_digest, 'size': layer_size},
               {'mediaType': 'application/vnd.oci.image.layer.v1.tar+gzip', 'digest': app_digest, 'size': app_size},
               {'mediaType': 'application/vnd.oci.image.layer.v1.tar+gzip', 'digest': jar_digest, 'size': jar_size}],
}
m_digest, m_size = blob(json.dumps(manifest, separators=(',', ':')).encode())
index = {'schemaVersion': 2, 'mediaType': 'application/vnd.oci.image.index.v1+json', 'manifests': [
    {'mediaType': 'application/vnd.oci.image.manifest.v1+json', 'digest': m_digest, 'size': m_size,
     'annotations': {'org.opencontainers.image.ref.name': '3.9.6'}}]}
with open(os.path.join(out, 'index.json'), 'w') as f:
    json.dump(index, f, separators=(',', ':'))
with open(os.path.join(out, 'oci-layout'), 'w') as f:
    f.write('{"imageLayoutVersion":"1.0.0"}')

adv = os.path.join(here, 'advisories/alpine-secdb/v3.9')
os.makedirs(adv, exist_ok=True)
for name in ('main.yaml', 'community.yaml'):
    shutil.copyfile(os.path.join(shared, 'data/osv/alpinelinux__alpine-secdb/v3.9', name), os.path.join(adv, name))
pypa = os.path.join(here, 'advisories/pypa/setuptools')
os.makedirs(pypa, exist_ok=True)
src = os.path.join(shared, 'data/osv/pypa__advisory-database/vulns/setuptools')
for name in sorted(os.listdir(src)):
    shutil.copyfile(os.path.join(src, name), os.path.join(pypa, name))
# GitHub advisory-database records naming Guava (one affects 31.1-jre, two do not).
ghsa = os.path.join(here, 'advisories/ghsa/guava')
os.makedirs(ghsa, exist_ok=True)
for rel in ('2020/06/GHSA-mvr2-9pj6-7w5j/GHSA-mvr2-9pj6-7w5j.json', '2021/03/GHSA-5mg8-w23w-74h3/GHSA-5mg8-w23w-74h3.json', '2023/06/GHSA-7g45-4rm6-3mm3/GHSA-7g45-4rm6-3mm3.json'):
    shutil.copyfile(os.path.join(shared, 'data/osv/github__advisory-database/advisories/github-reviewed', rel), os.path.join(ghsa, os.path.basename(rel)))
print('wrote', out, 'and', os.path.join(here, 'advisories'))
