import type { App, ResourceRef } from "../../app/model.ts";
import { SquallError } from "../../core/errors.ts";

type Kind = ResourceRef["kind"];

/**
 * The physical names, URLs and ARNs of an app's resources in one region and account:
 * `<prefix>-<logical>` (or the logical name without a prefix), with `.fifo` added to FIFO queues
 * and topics as SQS and SNS require.
 *
 * @example
 * const names = new PhysicalNames(app, { prefix: "pr-12", region: "us-east-1", accountId: "000000000000" });
 * names.queueUrl("Orders"); // "https://sqs.us-east-1.amazonaws.com/000000000000/pr-12-Orders"
 */
export class PhysicalNames {
  private readonly kinds = new Map<string, Kind>();

  constructor(
    readonly app: App,
    private readonly options: { prefix?: string | undefined; region: string; accountId: string },
  ) {
    for (const name of Object.keys(app.tables)) this.kinds.set(name, "table");
    for (const name of Object.keys(app.queues)) this.kinds.set(name, "queue");
    for (const name of Object.keys(app.topics)) this.kinds.set(name, "topic");
    for (const name of Object.keys(app.functions)) this.kinds.set(name, "function");
  }

  /** What kind of resource a logical name stands for, or a SquallError listing the app's names. */
  kindOf(logical: string, expected?: Kind): Kind {
    const kind = this.kinds.get(logical);
    if (kind === undefined || (expected !== undefined && kind !== expected)) {
      const wanted = expected ?? "resource";
      const known = [...this.kinds]
        .filter(([, k]) => expected === undefined || k === expected)
        .map(([n]) => n);
      throw new SquallError(
        `app "${this.app.name}" has no ${wanted} "${logical}" (its ${wanted}s: ${known.join(", ") || "none"})`,
      );
    }
    return kind;
  }

  /** The physical name of any resource of the app. */
  name(logical: string, expected?: Kind): string {
    const kind = this.kindOf(logical, expected);
    const base = this.options.prefix === undefined ? logical : `${this.options.prefix}-${logical}`;
    const fifo =
      (kind === "queue" && this.app.queues[logical]?.fifo === true) ||
      (kind === "topic" && this.app.topics[logical]?.fifo === true);
    return fifo && !base.endsWith(".fifo") ? `${base}.fifo` : base;
  }

  queueUrl(logical: string): string {
    const { region, accountId } = this.options;
    return `https://sqs.${region}.amazonaws.com/${accountId}/${this.name(logical, "queue")}`;
  }

  /** The ARN of a table, queue, topic or function. */
  arn(logical: string): string {
    const { region, accountId } = this.options;
    const kind = this.kindOf(logical);
    const name = this.name(logical);
    if (kind === "table") return `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
    if (kind === "function") return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
    return `arn:aws:${kind === "queue" ? "sqs" : "sns"}:${region}:${accountId}:${name}`;
  }

  /** What an environment variable referring to `ref` is set to. */
  resolve(ref: ResourceRef): string {
    this.kindOf(ref.ref, ref.kind);
    if (ref.attribute === "arn") return this.arn(ref.ref);
    if (ref.attribute === "url") return this.queueUrl(ref.ref);
    return this.name(ref.ref);
  }
}
