// `raseed firmware keygen --out PREFIX` (PREFIX.key private, mode 0600; PREFIX.pub public) and
// `raseed firmware sign --key PREFIX.key --model M --version V IMAGE` (writes IMAGE.rfw beside the image: the image,
// its manifest and an Ed25519 signature over the manifest and the image's SHA-256), and `raseed firmware verify`.
import type { Command } from 'commander';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { FirmwareError, decodeFirmwarePackage, encodeFirmwarePackage, firmwareKeyId, generateFirmwareKeys, signFirmware, verifyFirmware } from '../protocols/index.ts';

function fail(message: string, code = 2): never {
  process.stderr.write(`raseed firmware: ${message}\n`);
  process.exit(code);
}

export function registerFirmwareCommands(program: Command): void {
  const fw = program.command('firmware').description('signed firmware packages for meters and edge agents');

  fw.command('keygen')
    .description('make an Ed25519 signing key pair: PREFIX.key (private, 0600) and PREFIX.pub (for FIRMWARE_PUBLIC_KEYS and devices)')
    .requiredOption('--out <prefix>', 'path prefix of the two files')
    .option('--force', 'overwrite existing files')
    .action((o: { out: string; force?: boolean }) => {
      const priv = `${o.out}.key`, pub = `${o.out}.pub`;
      if (!o.force && (existsSync(priv) || existsSync(pub))) fail(`${priv} or ${pub} exists; use --force to overwrite`);
      const k = generateFirmwareKeys();
      writeFileSync(priv, k.privatePem, { mode: 0o600 });
      chmodSync(priv, 0o600);
      writeFileSync(pub, k.publicPem, { mode: 0o644 });
      process.stdout.write(`${priv}\n${pub}\nkey id ${firmwareKeyId(k.publicPem)}\n`);
    });

  fw.command('sign <image>')
    .description('sign a firmware image: writes IMAGE.rfw (package: manifest, signature, image)')
    .requiredOption('--key <file>', 'private key (PREFIX.key)')
    .requiredOption('--model <model>', 'meter or edge model the image is for')
    .requiredOption('--version <version>', 'MAJOR.MINOR.PATCH')
    .option('--min-version <version>', 'devices older than this must take an intermediate version first')
    .option('--chunk-size <bytes>', 'transfer chunk size (default 4096; fits an 8 KiB MQTT packet)')
    .option('--out <file>', 'package file (default IMAGE.rfw)')
    .action((image: string, o: { key: string; model: string; version: string; minVersion?: string; chunkSize?: string; out?: string }) => {
      try {
        const pkg = signFirmware(readFileSync(image), {
          model: o.model, version: o.version, ...(o.minVersion ? { minVersion: o.minVersion } : {}), ...(o.chunkSize ? { chunkSize: Number(o.chunkSize) } : {}),
        }, readFileSync(o.key, 'utf8'));
        const out = o.out ?? `${image}.rfw`;
        writeFileSync(out, encodeFirmwarePackage(pkg));
        process.stdout.write(`${out}\n${JSON.stringify(pkg.manifest)}\n`);
      } catch (err) {
        fail(err instanceof Error ? err.message.split('\n')[0]! : String(err));
      }
    });

  fw.command('verify <package>')
    .description('check a package against public keys (exit 1 when refused)')
    .requiredOption('--pub <files>', 'comma-separated .pub files')
    .action((file: string, o: { pub: string }) => {
      try {
        const pkg = decodeFirmwarePackage(readFileSync(file));
        verifyFirmware(pkg, o.pub.split(',').map((p) => readFileSync(p.trim(), 'utf8')));
        process.stdout.write(`ok ${pkg.manifest.model} ${pkg.manifest.version} sha256 ${pkg.manifest.sha256}\n`);
      } catch (err) {
        if (err instanceof FirmwareError) fail(`refused (${err.reason}): ${err.message}`, 1);
        fail(err instanceof Error ? err.message : String(err));
      }
    });
}
