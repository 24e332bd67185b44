/**
 * Starts and stops AWS's DynamoDB Local (a Java server) for the differential tests. It has no
 * option to listen on one address only, so we pick a free loopback port, send it nothing but
 * loopback traffic, and stop it by its own process id.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { DynamoDbLocalError, ensureDynamoDbLocal } from "./dynamodb-local-fetch.ts";

export { DynamoDbLocalError, ensureDynamoDbLocal } from "./dynamodb-local-fetch.ts";

/** A running DynamoDB Local. */
export interface DynamoDbLocalInstance {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** The Java process's id. */
  readonly pid: number;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_LIMIT_CHARS = 16_000;
const JAVA_HINT = "install Java 17: apt-get install -y openjdk-17-jre-headless";

function assertJavaPresent(): void {
  const probe = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (probe.error !== undefined) {
    throw new DynamoDbLocalError(
      `DynamoDB Local needs "java" on the PATH (${probe.error.message}); ${JAVA_HINT}`,
    );
  }
  if (probe.status !== 0) {
    throw new DynamoDbLocalError(`"java -version" failed: ${probe.stderr}; ${JAVA_HINT}`);
  }
}

/** Asks the OS for a free port by binding port 0 on loopback, then releases it. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolvePort(port) : reject(new Error("no port assigned"))));
    });
  });
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolveProbe(true);
    });
    socket.once("error", () => resolveProbe(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once("exit", () => done()));
}

/** Polls the port until it accepts a connection; fails early if the process dies. */
async function waitUntilReady(child: ChildProcess, port: number, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.exitCode !== null ? `code ${String(child.exitCode)}` : String(child.signalCode);
      throw new DynamoDbLocalError(
        `DynamoDB Local exited (${how}) before listening on port ${String(port)}:\n${output()}`,
      );
    }
    if (await acceptsConnections(port)) return;
    await sleep(100);
  }
  throw new DynamoDbLocalError(
    `DynamoDB Local did not accept connections on 127.0.0.1:${String(port)} within ${String(READY_TIMEOUT_MS)} ms:\n${output()}`,
  );
}

function stopper(child: ChildProcess, pid: number, onExitHook: () => void): () => Promise<void> {
  return async () => {
    process.removeListener("exit", onExitHook);
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(pid, "SIGTERM");
    const timedOut = await Promise.race([
      exited(child).then(() => false),
      sleep(STOP_GRACE_MS).then(() => true),
    ]);
    if (timedOut) {
      process.kill(pid, "SIGKILL");
      await exited(child);
    }
  };
}

async function startOnce(dir: string): Promise<DynamoDbLocalInstance> {
  const port = await freeLoopbackPort();
  const args = [
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-jar",
    join(dir, "DynamoDBLocal.jar"),
    "-inMemory",
    "-disableTelemetry",
    "-port",
    String(port),
  ];
  // cwd = dir: DynamoDB Local writes its metadata file into the working directory.
  const child = spawn("java", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_LIMIT_CHARS);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const spawnError = new Promise<never>((_, reject) =>
    child.once("error", (error) =>
      reject(new DynamoDbLocalError(`Could not run java (${error.message}); ${JAVA_HINT}`)),
    ),
  );
  const pid = child.pid;
  if (pid === undefined) return spawnError;
  // If the test runner dies without teardown, do not leave a Java server behind.
  const onExitHook = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", onExitHook);
  try {
    await Promise.race([waitUntilReady(child, port, () => output), spawnError]);
  } catch (error) {
    await stopper(child, pid, onExitHook)();
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${String(port)}`, pid, stop: stopper(child, pid, onExitHook) };
}

/**
 * Fetches DynamoDB Local if needed and starts it in memory on a free loopback port. Resolves once
 * the port accepts connections (about 3.5 s).
 *
 * @example
 * const ddb = await startDynamoDbLocal();
 * try { await useEndpoint(ddb.endpoint) } finally { await ddb.stop() }
 */
export async function startDynamoDbLocal(): Promise<DynamoDbLocalInstance> {
  assertJavaPresent();
  const dir = ensureDynamoDbLocal();
  try {
    return await startOnce(dir);
  } catch (error) {
    // Another process may have taken the port between our probe and Java's bind: try once more.
    if (error instanceof DynamoDbLocalError && /BindException|already in use/i.test(error.message)) {
      return startOnce(dir);
    }
    throw error;
  }
}
