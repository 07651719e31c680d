import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced, trickle } from 'ipfs-unixfs-importer/layout'
import { MemoryBlockstore } from 'blockstore-core'

const data = (n) => { const b = new Uint8Array(n); for (let i = 0; i < n; i++) b[i] = (i * 31 + 7) % 251; return b }
async function add(entries, opts) {
  const bs = new MemoryBlockstore()
  let last
  for await (const e of importer(entries, bs, { profile: 'unixfs-v0-2015', ...opts })) last = e
  return last.cid.toString()
}
const file = (n) => [{ content: data(n) }]
const kuboTrickle = (chunk) => ({ layout: trickle({ maxChildrenPerNode: 174, layerRepeat: 4 }), leafType: 'raw', reduceSingleLeafToSelf: false, chunker: fixedSize({ chunkSize: chunk }) })
const out = {}
out['balanced 0 size-262144'] = await add(file(0), {})
out['balanced 1000000 size-262144'] = await add(file(1000000), {})
for (const [n, c] of [[0, 262144], [12, 262144], [1000, 10], [10000, 10], [200000, 7]]) {
  out[`trickle ${n} size-${c}`] = await add(file(n), kuboTrickle(c))
}
out['cidv1 rawleaves 1000000 size-262144'] = await add(file(1000000), { cidVersion: 1, rawLeaves: true })
out['cidv1 rawleaves 5000 size-10'] = await add(file(5000), { cidVersion: 1, rawLeaves: true, chunker: fixedSize({ chunkSize: 10 }), layout: balanced({ maxChildrenPerNode: 174 }) })
out['cidv0 rawleaves 5000 size-10'] = await add(file(5000), { cidVersion: 0, rawLeaves: true, chunker: fixedSize({ chunkSize: 10 }) })
out['trickle cidv1 5000 size-10'] = await add(file(5000), { cidVersion: 1, rawLeaves: true, layout: trickle({ maxChildrenPerNode: 174, layerRepeat: 4 }), reduceSingleLeafToSelf: false, chunker: fixedSize({ chunkSize: 10 }) })
for (const n of [6553, 6555, 7000]) {
  const entries = []
  for (let i = 0; i < n; i++) entries.push({ path: `d/f${String(i).padStart(5, '0')}`, content: new TextEncoder().encode('hello world\n') })
  out[`dir ${n}`] = await add(entries, { shardSplitStrategy: 'links-bytes' })
}
console.log(JSON.stringify(out, null, 1))
