// Helia's importer (ipfs-unixfs-importer) on one file in kubo's layout (CIDv0, 256 KiB chunks, balanced, 174 links, no
// raw leaves) into a fresh memory blockstore, RUNS times; one JSON line per run: the root CID, seconds and CPU seconds.
// Run with the working directory itests/interop (its node_modules): node --input-type=module -e "$(cat this)" FILE RUNS
import { MemoryBlockstore } from 'blockstore-core'
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { createReadStream } from 'node:fs'

const [path, runs] = [process.argv[1], Number(process.argv[2])]
const KUBO = { cidVersion: 0, rawLeaves: false, chunker: fixedSize({ chunkSize: 262144 }), layout: balanced({ maxChildrenPerNode: 174 }) }

for (let run = 0; run < runs; run++) {
  const blockstore = new MemoryBlockstore()
  const cpu = process.cpuUsage()
  const start = performance.now()
  let root = null
  for await (const entry of importer([{ path: 'file', content: createReadStream(path, { highWaterMark: 1 << 20 }) }], blockstore, KUBO)) {
    root = entry.cid
  }
  const seconds = (performance.now() - start) / 1000
  const used = process.cpuUsage(cpu)
  process.stdout.write(JSON.stringify({ cid: root.toString(), seconds, cpuSeconds: (used.user + used.system) / 1e6 }) + '\n')
}
