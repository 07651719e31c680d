// A Helia node for the Bitswap interop tests and benchmark: the `Helia` class of @helia/utils with Helia's bitswap
// block broker (@helia/bitswap through @helia/block-brokers), memory block and data stores and @helia/unixfs, on
// js-libp2p 2.8.8 (TCP, Noise, yamux, identify) listening on 127.0.0.1 with an ephemeral port. No bootstrap, no mDNS,
// no content routers: it exchanges blocks only with the peers it dials or that dial it (TRANSPORT=quic: QUIC instead of
// TCP, @chainsafe/libp2p-quic). Helia checks every block it
// receives against its CID before it stores or returns it.
// Prints one JSON line per event or reply on stdout and takes one JSON command per line on stdin, as peer.mjs does.
// With DHT=server or DHT=client it also runs @libp2p/kad-dht (/ipfs/kad/1.0.0) keeping loopback addresses
// (removePublicAddressesMapper) and the ping service the DHT needs, as libp2p's content and peer routing: the ops
// provide, findProviders, findPeer and dhtPeers.
import './node20.mjs'
import { noise } from '@chainsafe/libp2p-noise'
import { quic } from '@chainsafe/libp2p-quic'
import { yamux } from '@chainsafe/libp2p-yamux'
import { bitswap } from '@helia/block-brokers'
import { globSource, unixfs } from '@helia/unixfs'
import { Helia } from '@helia/utils'
import { identify } from '@libp2p/identify'
import { kadDHT, removePublicAddressesMapper } from '@libp2p/kad-dht'
import { peerIdFromString } from '@libp2p/peer-id'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { MemoryBlockstore } from 'blockstore-core'
import { MemoryDatastore } from 'datastore-core'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { createLibp2p } from 'libp2p'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import readline from 'node:readline'
import { pipeline } from 'node:stream/promises'

const MESSAGE_LIMIT = 4 * 1024 * 1024
const PATIENCE_MS = 120_000
/** kubo's `add` defaults (CIDv0, dag-pb leaves, 256 KiB chunks, 174 links per node): the same DAG as our daemon's. */
const KUBO = { cidVersion: 0, rawLeaves: false, chunker: fixedSize({ chunkSize: 262144 }), layout: balanced({ maxChildrenPerNode: 174 }) }

const out = (value) => process.stdout.write(JSON.stringify(value) + '\n')

const libp2p = await createLibp2p({
  addresses: { listen: [process.env.TRANSPORT === 'quic' ? '/ip4/127.0.0.1/udp/0/quic-v1' : '/ip4/127.0.0.1/tcp/0'] },
  transports: [process.env.TRANSPORT === 'quic' ? quic() : tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: {
    identify: identify(),
    ...(process.env.DHT == null ? {} : {
      dht: kadDHT({ clientMode: process.env.DHT === 'client', peerInfoMapper: removePublicAddressesMapper }),
      ping: ping()
    })
  }
})
const blockstore = new MemoryBlockstore()
const helia = new Helia({
  libp2p,
  blockstore,
  datastore: new MemoryDatastore(),
  blockBrokers: [bitswap({ maxIncomingMessageSize: MESSAGE_LIMIT, maxOutgoingMessageSize: MESSAGE_LIMIT })],
  routers: []
})
await helia.start()
const fs = unixfs(helia)

/** Streams a UnixFS file to a new file (or, without a path, nowhere), hashing its bytes on the way. */
async function catTo (cid, path) {
  const hash = createHash('sha256')
  let size = 0
  const bytes = async function * () {
    for await (const chunk of fs.cat(cid, { signal: AbortSignal.timeout(PATIENCE_MS) })) {
      hash.update(chunk)
      size += chunk.length
      yield chunk
    }
  }
  if (path == null) {
    for await (const _ of bytes()) ; // eslint-disable-line no-unused-vars, no-empty
  } else {
    await pipeline(bytes, createWriteStream(path, { flags: 'wx' }))
  }
  return { size, sha256: hash.digest('hex') }
}

/** Writes a UnixFS DAG under path: a directory as a directory (recursively), a file as a file; counts the files. */
async function getTo (cid, path) {
  const stat = await fs.stat(cid, { signal: AbortSignal.timeout(PATIENCE_MS) })
  if (stat.type !== 'directory') {
    await catTo(cid, path)
    return 1
  }
  await mkdir(path)
  let files = 0
  for await (const entry of fs.ls(cid, { signal: AbortSignal.timeout(PATIENCE_MS) })) {
    files += await getTo(entry.cid, join(path, entry.name))
  }
  return files
}

const ops = {
  dial: async ({ addr }) => ({ remotePeer: (await libp2p.dial(multiaddr(addr))).remotePeer.toString() }),
  /** Imports a file: Helia's defaults (CIDv1, raw leaves, 1 MiB chunks), or kubo's with layout "kubo". */
  addFile: async ({ path, layout }) => {
    const options = layout === 'kubo' ? KUBO : {}
    return { cid: (await fs.addByteStream(createReadStream(path, { highWaterMark: 1 << 20 }), options)).toString() }
  },
  /** Imports a directory tree (hidden files too) with Helia's defaults; returns the root directory's CID. */
  addTree: async ({ path }) => {
    let root = null
    for await (const entry of fs.addAll(globSource(path, '**/*', { hidden: true }), { wrapWithDirectory: true })) root = entry.cid
    return { cid: root.toString() }
  },
  cat: async ({ cid, out: path }) => {
    const start = performance.now()
    const result = await catTo(CID.parse(cid), path)
    return { ...result, seconds: (performance.now() - start) / 1000 }
  },
  get: async ({ cid, out: path }) => ({ files: await getTo(CID.parse(cid), path) }),
  /** Hashes every stored block again and checks it against its CID (sha2-256 only); counts them. */
  verify: async () => {
    let blocks = 0
    for await (const { cid, block } of blockstore.getAll()) {
      const digest = await sha256.digest(block)
      if (cid.multihash.code !== sha256.code || !equalBytes(digest.digest, cid.multihash.digest)) {
        throw new Error(`block ${cid} does not match its CID`)
      }
      blocks++
    }
    return { blocks }
  },
  has: async ({ cid }) => ({ has: await blockstore.has(CID.parse(cid)) }),
  /** Announces this node as a provider of the CID through the DHT. */
  provide: async ({ cid }) => {
    await libp2p.contentRouting.provide(CID.parse(cid), { signal: AbortSignal.timeout(PATIENCE_MS) })
    return {}
  },
  /** Up to count providers of the CID found through the DHT, each with its addresses, in the order found. */
  findProviders: async ({ cid, count }) => {
    const providers = []
    const signal = AbortSignal.timeout(PATIENCE_MS)
    for await (const p of libp2p.contentRouting.findProviders(CID.parse(cid), { signal })) {
      if (!providers.some(known => known.id === p.id.toString())) {
        providers.push({ id: p.id.toString(), addrs: p.multiaddrs.map(String) })
      }
      if (providers.length >= (count ?? 1)) break
    }
    return { providers }
  },
  /** The peer's addresses found through the DHT. */
  findPeer: async ({ peer }) => {
    const found = await libp2p.peerRouting.findPeer(peerIdFromString(peer), { signal: AbortSignal.timeout(PATIENCE_MS) })
    return { peer: found.id.toString(), addrs: found.multiaddrs.map(String) }
  },
  /** The peer ids in the DHT's routing table. */
  dhtPeers: async () => ({ peers: [...libp2p.services.dht.routingTable.kb?.toIterable?.() ?? []].map(c => c.peerId.toString()), size: libp2p.services.dht.routingTable.size }),
  stop: async () => { await helia.stop(); setTimeout(() => process.exit(0), 10); return {} }
}

function equalBytes (a, b) { return a.length === b.length && a.every((x, i) => x === b[i]) }

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  const command = JSON.parse(line)
  try {
    out({ id: command.id, ok: true, ...(await ops[command.op](command)) })
  } catch (e) {
    out({ id: command.id, ok: false, error: String(e && e.stack || e) })
  }
})

out({ event: 'listening', peerId: libp2p.peerId.toString(), addrs: libp2p.getMultiaddrs().map(String) })
