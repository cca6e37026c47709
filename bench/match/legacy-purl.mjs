// Frozen copy of the regex purlToTarget that packages/match/src/purl-ecosystem.ts
// replaced (commit 7107302), kept only as the baseline of bench/match/purl.mjs. Do not
// edit: the bench checks the new function gives the same answers as this one.
// `distroEcosystem` comes from the built package (the rewrite left it unchanged).

const LANG = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  maven: 'Maven',
  gem: 'RubyGems',
  cargo: 'crates.io',
  composer: 'Packagist',
  nuget: 'NuGet',
  hex: 'Hex',
  pub: 'Pub',
  cran: 'CRAN',
  hackage: 'Hackage',
  swift: 'SwiftURL',
}

function dec(s) {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * The legacy purl reader, bound to a `distroEcosystem`.
 *
 * @param {(id: string, version: string | undefined) => string | undefined} distroEcosystem
 * @returns {(purl: string) => object | undefined}
 */
export function legacyPurlToTarget(distroEcosystem) {
  return function purlToTarget(purl) {
    const m = /^pkg:([a-zA-Z.+-]+)\/([^?#]+?)(?:\?([^#]*))?(?:#.*)?$/.exec(purl.trim())
    if (!m) return undefined
    const type = m[1].toLowerCase()
    let path = m[2]
    let version
    const at = path.lastIndexOf('@')
    if (at > 0) {
      version = dec(path.slice(at + 1))
      path = path.slice(0, at)
    }
    const segs = path.split('/').map(dec)
    const name = segs.pop()
    const namespace = segs.join('/')
    const q = new Map()
    for (const kv of (m[3] ?? '').split('&')) {
      if (!kv) continue
      const i = kv.indexOf('=')
      if (i > 0) q.set(kv.slice(0, i).toLowerCase(), dec(kv.slice(i + 1)))
    }
    const t = { name, type, ...(version ? { version } : {}) }
    if (type === 'deb' || type === 'apk' || type === 'rpm' || type === 'alpm') {
      const distro = q.get('distro')
      let id = namespace.toLowerCase()
      let rel
      if (distro) {
        const dm = /^([a-z_]+(?:-[a-z_]+)*)-(\d.*)$/.exec(distro.toLowerCase())
        if (dm) {
          id = dm[1]
          rel = dm[2]
        } else if (distro.toLowerCase() === 'opensuse-tumbleweed') id = 'opensuse-tumbleweed'
        else rel = distro
      }
      if (id === 'debian' && rel && !/^\d/.test(rel)) {
        const names = { buster: '10', bullseye: '11', bookworm: '12', trixie: '13', stretch: '9', jessie: '8' }
        rel = names[rel]
      }
      const eco = distroEcosystem(id, rel)
      if (eco) t.ecosystem = eco
      let upstream = q.get('upstream') ?? q.get('origin')
      if (upstream) {
        if (type === 'rpm') upstream = upstream.replace(/\.src\.rpm$/, '').replace(/-[^-]+-[^-]+$/, '')
        else upstream = upstream.split('@', 1)[0]
        t.sourceName = upstream
      }
      const epoch = q.get('epoch')
      if (type === 'rpm' && epoch && epoch !== '0' && version && !version.includes(':')) t.version = `${epoch}:${version}`
      return t
    }
    const eco = Object.hasOwn(LANG, type) ? LANG[type] : undefined
    if (!eco) return t
    t.ecosystem = eco
    if (type === 'npm' || type === 'composer') t.name = namespace ? `${namespace}/${name}` : name
    else if (type === 'maven') t.name = namespace ? `${namespace}:${name}` : name
    else if (type === 'golang') {
      t.name = namespace ? `${namespace}/${name}` : name
      if (t.name === 'stdlib' && version?.startsWith('go')) t.version = version.slice(2)
    } else if (type === 'swift') t.name = namespace ? `${namespace}/${name}` : name
    return t
  }
}
