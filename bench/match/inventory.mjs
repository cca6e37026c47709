// The match benches' inventory: packages named in the DB, spread over every shard, each
// at a version taken from its own records (introduced/fixed/listed), so most lookups hit
// and many ranges are evaluated — a worst case for the matcher. Drawn with replacement
// by a seeded generator, so every bench and run gets the same packages.

/**
 * @param {{ manifest: { shards: { key: string, ecosystem: string }[] }, shard(key: string): Promise<any> }} db an opened DB
 * @param {number} n packages to draw
 * @param {number} [seed] generator seed
 * @returns {Promise<{ packages: object[], warnings: [] }>} the inventory
 */
export async function drawInventory(db, n, seed = 42) {
  const shards = await Promise.all(db.manifest.shards.map((s) => db.shard(s.key)))
  const pool = []
  for (let si = 0; si < shards.length; si++) {
    const sh = shards[si]
    const eco = db.manifest.shards[si].ecosystem
    for (const name of sh.packageNames()) {
      const e = sh.lookup(name)[0]
      const v = e.affected.ranges?.[0]?.events.find((x) => x.fixed)?.fixed ?? e.affected.versions?.[0] ?? e.affected.fixed?.[0]?.replace(/^[<>=~^ ]+/, '')
      if (v && /^[0-9v]/.test(v)) pool.push({ name: e.affected.name, version: v, type: 'generic', ecosystem: eco })
    }
  }
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32)
  const packages = []
  for (let i = 0; i < n; i++) packages.push(pool[Math.floor(rnd() * pool.length)])
  return { packages, warnings: [] }
}
