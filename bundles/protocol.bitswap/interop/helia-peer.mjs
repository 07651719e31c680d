// A Helia bitswap peer (@helia/bitswap 2.2.0 on js-libp2p 2.8.8, TCP + Noise + yamux on 127.0.0.1) for probing
// interop by hand (see ../README.md); Node 20 needs ../../../itests/interop/node20.mjs (--import).
//   node helia-peer.mjs serve MIB        a UnixFS file of MIB MiB (raw leaves, CIDv1) served until killed; prints JSON
//   node helia-peer.mjs serve-tree       a directory a.bin, b.bin, sub/c.bin served until killed; prints JSON
//   node helia-peer.mjs fetch ADDR ROOT  dials ADDR, fetches the UnixFS DAG ROOT (32 blocks ahead), prints the bytes'
//                                        size and sha256 (a directory: its files' bytes in link order) and the rate
import { createLibp2p } from 'libp2p'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { tcp } from '@libp2p/tcp'
import { identify } from '@libp2p/identify'
import { multiaddr } from '@multiformats/multiaddr'
import { createBitswap } from '@helia/bitswap'
import { MemoryBlockstore } from 'blockstore-core'
import { defaultLogger } from '@libp2p/logger'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import * as raw from 'multiformats/codecs/raw'
import * as dagPb from '@ipld/dag-pb'
import { createHash, randomBytes } from 'node:crypto'

const [mode, a1, a2] = process.argv.slice(2)
const libp2p = await createLibp2p({
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()],
  services: { identify: identify() }
})
const blockstore = new MemoryBlockstore()
const routing = { async * findProviders () {}, async provide () {}, async cancelReprovide () {}, async put () {}, async get () { throw new Error('none') }, async findPeer () { throw new Error('none') }, async * getClosestPeers () {} }
const bitswap = createBitswap({ libp2p, blockstore, routing, logger: defaultLogger() }, { maxIncomingMessageSize: 4 * 1024 * 1024, maxOutgoingMessageSize: 4 * 1024 * 1024 })
await bitswap.start()

function varint (n) { const out = []; while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) } out.push(n); return out }
function unixfsFile (size, blocksizes) { // UnixFS Data {Type: File, filesize, blocksizes}
  const bytes = [0x08, 0x02, 0x18, ...varint(size)]
  for (const b of blocksizes) bytes.push(0x20, ...varint(b))
  return Uint8Array.from(bytes)
}
function unixfsData (bytes) { // the Data field of a UnixFS leaf node (field 2)
  let i = 0; let data = new Uint8Array(0)
  while (i < bytes.length) {
    const tag = bytes[i++]; let v = 0; let s = 0; let b
    if ((tag & 7) === 0) { do { b = bytes[i++]; v += (b & 0x7f) * 2 ** s; s += 7 } while (b & 0x80); continue }
    do { b = bytes[i++]; v += (b & 0x7f) * 2 ** s; s += 7 } while (b & 0x80)
    if ((tag >> 3) === 2) data = bytes.subarray(i, i + v)
    i += v
  }
  return data
}

async function file (size) { // a UnixFS file of raw 256 KiB leaves under one dag-pb root
  const chunk = 256 * 1024
  const bytes = randomBytes(size); const links = []; const sizes = []
  for (let o = 0; o < size; o += chunk) {
    const leaf = bytes.subarray(o, Math.min(size, o + chunk))
    const cid = CID.createV1(raw.code, await sha256.digest(leaf))
    await blockstore.put(cid, leaf)
    links.push({ Hash: cid, Name: '', Tsize: leaf.length }); sizes.push(leaf.length)
  }
  const root = dagPb.encode(dagPb.prepare({ Data: unixfsFile(size, sizes), Links: links }))
  const cid = CID.createV1(dagPb.code, await sha256.digest(root))
  await blockstore.put(cid, root)
  return { cid, size, sha256: createHash('sha256').update(bytes).digest('hex') }
}

if (mode === 'serve-tree') { // a directory: a.bin, b.bin and sub/c.bin
  const a = await file(3 * 1024 * 1024 + 17); const b = await file(1000); const c = await file(700000)
  async function dir (entries) {
    const links = Object.entries(entries).sort(([x], [y]) => x < y ? -1 : 1).map(([name, e]) => ({ Hash: e.cid, Name: name, Tsize: e.size }))
    const node = dagPb.encode(dagPb.prepare({ Data: Uint8Array.from([0x08, 0x01]), Links: links }))
    const cid = CID.createV1(dagPb.code, await sha256.digest(node))
    await blockstore.put(cid, node)
    return { cid, size: node.length }
  }
  const sub = await dir({ 'c.bin': c })
  const root = await dir({ 'a.bin': a, 'b.bin': b, sub })
  console.log(JSON.stringify({ addr: libp2p.getMultiaddrs()[0].toString(), root: root.cid.toString(), a: a.sha256, b: b.sha256, c: c.sha256 }))
  setInterval(() => {}, 1 << 30)
} else if (mode === 'serve') {
  const size = Number(a1) * 1024 * 1024; const chunk = 256 * 1024
  const file = randomBytes(size); const links = []; const sizes = []
  for (let o = 0; o < size; o += chunk) {
    const leaf = file.subarray(o, Math.min(size, o + chunk))
    const cid = CID.createV1(raw.code, await sha256.digest(leaf))
    await blockstore.put(cid, leaf)
    links.push({ Hash: cid, Name: '', Tsize: leaf.length }); sizes.push(leaf.length)
  }
  const root = dagPb.encode(dagPb.prepare({ Data: unixfsFile(size, sizes), Links: links }))
  const rootCid = CID.createV1(dagPb.code, await sha256.digest(root))
  await blockstore.put(rootCid, root)
  const addr = libp2p.getMultiaddrs()[0].toString()
  console.log(JSON.stringify({ addr, root: rootCid.toString(), size, sha256: createHash('sha256').update(file).digest('hex') }))
  setInterval(() => {}, 1 << 30) // serve until killed
} else if (mode === 'fetch') {
  await libp2p.dial(multiaddr(a1))
  const start = Date.now(); const hash = createHash('sha256'); let total = 0
  const memo = new Map()
  function block (cid) {
    const key = cid.toString()
    if (!memo.has(key)) memo.set(key, bitswap.want(cid, { signal: AbortSignal.timeout(120000) }))
    return memo.get(key)
  }
  async function walk (cid) { // depth first, children fetched 32 at a time ahead of the reader
    const bytes = await block(cid)
    memo.delete(cid.toString())
    if (cid.code === raw.code) { hash.update(bytes); total += bytes.length; return }
    const node = dagPb.decode(bytes)
    if (node.Links.length === 0) { const d = unixfsData(node.Data ?? new Uint8Array(0)); hash.update(d); total += d.length; return }
    const ahead = node.Links.map(() => null)
    for (let i = 0; i < node.Links.length; i++) {
      for (let j = i; j < Math.min(node.Links.length, i + 32); j++) if (ahead[j] == null) ahead[j] = block(node.Links[j].Hash).catch(e => e)
      await ahead[i]; await walk(node.Links[i].Hash)
    }
  }
  await walk(CID.parse(a2))
  const seconds = (Date.now() - start) / 1000
  console.log(JSON.stringify({ size: total, sha256: hash.digest('hex'), seconds, mbps: total / seconds / 1e6 }))
  await libp2p.stop(); process.exit(0)
}
