/**
 * Fetches AWS's DynamoDB Local into `.cache/` and verifies it. DynamoDB Local ships as a jar inside
 * the npm package `amplify-dynamodb-simulator`; we pack that tarball with npm rather than depend on
 * it, because as a dependency it drags in the whole Amplify CLI.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The npm package (and pinned version) that carries DynamoDB Local 1.25.1 under `emulator/`. */
export const SIMULATOR_PACKAGE = "amplify-dynamodb-simulator@2.9.30";

// Pinned so a republished or tampered tarball is refused rather than run.
const TARBALL_NAME = "amplify-dynamodb-simulator-2.9.30.tgz";
const TARBALL_SHA256 = "3503ffac19f183407909fecdacf4db51ab1fdad1da7b2f177016670b2d80e4b9";
const JAR_SHA256 = "454305e9bc3e6ebcca5b62569869e31563b8d7e346474e94557b2600702146c7";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = join(projectRoot, ".cache");
const extractDir = join(cacheDir, "ddb");

/** Where the verified DynamoDB Local lives: the directory holding `DynamoDBLocal.jar`. */
export const emulatorDir = join(extractDir, "package", "emulator");

/** Raised when DynamoDB Local cannot be fetched, verified or started. */
export class DynamoDbLocalError extends Error {
  override name = "DynamoDbLocalError";
}

function sha256Of(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** The problem with an extracted emulator directory, or undefined when it is complete. */
function emulatorProblem(dir: string): string | undefined {
  const jar = join(dir, "DynamoDBLocal.jar");
  const lib = join(dir, "DynamoDBLocal_lib");
  if (!existsSync(jar) || !existsSync(lib)) return `missing ${jar} or ${lib}`;
  const jarSha = sha256Of(jar);
  if (jarSha !== JAR_SHA256) return `${jar} has sha256 ${jarSha}, expected ${JAR_SHA256}`;
  // The native SQLite library is what -inMemory runs on; without it the server starts and then fails.
  if (!readdirSync(lib).some((name) => name.startsWith("libsqlite4java-linux"))) {
    return `${lib} holds no libsqlite4java-linux native library`;
  }
  return undefined;
}

function run(command: string, args: readonly string[], what: string): void {
  const result = spawnSync(command, args, { cwd: projectRoot, encoding: "utf8" });
  if (result.error !== undefined || result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    const cause = result.error?.message ?? `exit code ${String(result.status)}`;
    throw new DynamoDbLocalError(`${what} failed (${cause}):\n${output}`);
  }
}

function downloadTarball(): string {
  const tarball = join(cacheDir, TARBALL_NAME);
  if (!existsSync(tarball)) {
    mkdirSync(cacheDir, { recursive: true });
    run(
      "npm",
      ["pack", SIMULATOR_PACKAGE, "--pack-destination", cacheDir],
      `Downloading DynamoDB Local with "npm pack ${SIMULATOR_PACKAGE}" (check network access to the npm registry)`,
    );
  }
  const sha = sha256Of(tarball);
  if (sha !== TARBALL_SHA256) {
    rmSync(tarball, { force: true });
    throw new DynamoDbLocalError(
      `${tarball} has sha256 ${sha}, expected ${TARBALL_SHA256}; deleted it, run again to re-download`,
    );
  }
  return tarball;
}

/**
 * Makes sure a verified DynamoDB Local is unpacked under `.cache/ddb/package/emulator/` and returns
 * that directory. Does nothing but verify when it is already there.
 *
 * @example
 * const dir = ensureDynamoDbLocal(); // ".../.cache/ddb/package/emulator"
 */
export function ensureDynamoDbLocal(): string {
  if (emulatorProblem(emulatorDir) === undefined) return emulatorDir;
  const tarball = downloadTarball();
  // Extract beside the target and rename, so a concurrent or interrupted run never sees half a jar.
  const staging = join(cacheDir, `ddb.staging-${String(process.pid)}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    run("tar", ["-xzf", tarball, "-C", staging, "package/emulator"], `Extracting ${tarball}`);
    const problem = emulatorProblem(join(staging, "package", "emulator"));
    if (problem !== undefined) throw new DynamoDbLocalError(`Extracted DynamoDB Local is broken: ${problem}`);
    rmSync(extractDir, { recursive: true, force: true });
    renameSync(staging, extractDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return emulatorDir;
}

// `tsx scripts/dynamodb-local-fetch.ts` fetches ahead of time (e.g. to warm a CI cache).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(ensureDynamoDbLocal());
}
