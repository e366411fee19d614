import sharp from 'sharp';
const [out, ...files] = process.argv.slice(2);
const tiles = await Promise.all(files.map((f) => sharp(f).resize(320, 320, { fit: 'contain' }).toBuffer()));
await sharp({ create: { width: 320 * tiles.length, height: 320, channels: 3, background: '#fff' } }).composite(tiles.map((t, i) => ({ input: t, left: 320 * i, top: 0 }))).png().toFile(out);
