import type { App } from "../../app/model.ts";
import { LambdaService } from "../../cloud/lambda/service.ts";
import { SqsService } from "../../cloud/queue/service.ts";
import { attachServices, ServiceRegistry } from "../../cloud/services.ts";
import { SimulatedDynamoDb } from "../../cloud/table/simulated-dynamodb.ts";
import { SnsService } from "../../cloud/topic/service.ts";
import type { Simulation } from "../../core/simulation.ts";
import { attachSdkBridge } from "../../sdk/bridge.ts";
import { physicalFunctionFaults, physicalTableFaults, type ServiceFaults } from "./apply-faults.ts";
import { lambdaFunctions } from "./functions.ts";
import type { PhysicalNames } from "./names.ts";
import type { SimulateOptions } from "./simulate-options.ts";

/** The simulated services of one cloud, wired to each other and to the SDK clients inside. */
export interface CloudServices {
  readonly dynamodb: SimulatedDynamoDb;
  readonly sqs: SqsService;
  readonly sns: SnsService;
  readonly lambda: LambdaService;
  /** Releases what they hold beyond the simulation: Lambda's patches, the SDK bridge. */
  readonly releases: (() => void)[];
}

/** Where the services are: one account in one region, as in every ARN they make. */
export interface CloudPlace {
  readonly region: string;
  readonly accountId: string;
}

/**
 * Creates DynamoDB (with Streams), SQS, SNS and Lambda for an app, with the run's faults and
 * settings; wires SNS to SQS and Lambda, Lambda's destinations to `sendToDestination`; registers
 * them all and attaches the SDK bridge, so handler SDK calls reach them.
 *
 * @example
 * const { dynamodb, sqs, sns, lambda, releases } = createCloudServices(sim, app, names, options, faults, where, send);
 */
export function createCloudServices(
  sim: Simulation,
  app: App,
  names: PhysicalNames,
  options: SimulateOptions,
  faults: ServiceFaults,
  where: CloudPlace,
  sendToDestination: (arn: string, body: string, attributes: Readonly<Record<string, string>>) => void,
): CloudServices {
  const releases: (() => void)[] = [];
  const dynamodb = new SimulatedDynamoDb(sim, {
    ...where,
    ...options.dynamodb,
    faults: { ...options.dynamodb?.faults, ...physicalTableFaults(faults.dynamodb, names) },
  });
  const sqs = new SqsService(sim, { ...where, ...app.delivery, ...options.delivery, ...faults.sqs });
  const lambda = new LambdaService({
    kernel: sim,
    functions: lambdaFunctions(app, names),
    baseDir: app.root,
    ...where,
    ...options.lambda,
    faults: physicalFunctionFaults(faults.lambda, names),
    destinations: { sendToQueue: sendToDestination, publishToTopic: sendToDestination },
  });
  releases.push(() => lambda.dispose());
  const sns = new SnsService(
    sim,
    {
      deliverToQueue: (arn, message) => sqs.sendFromService(arn, message),
      // The delivery runs in the publish's span: the invocation links to the Publish call.
      invokeFunction: (arn, event) => {
        const cause = sim.currentSpanId();
        const links = cause === undefined ? [] : [cause];
        lambda.invokeAsync({ functionName: arn, event, trigger: "sns", links });
      },
    },
    { ...where, faults: faults.sns },
  );
  const registry = attachServices(sim, new ServiceRegistry(options.network));
  for (const service of [dynamodb.service, dynamodb.streamsService, sqs, sns, lambda])
    registry.register(service);
  releases.push(
    attachSdkBridge(sim, {
      mode: options.sdkMode ?? "fast",
      onUnhandledRequest: options.onUnhandledRequest ?? "error",
      region: where.region,
      ...(options.correlation === undefined ? {} : { correlation: options.correlation }),
    }),
  );
  return { dynamodb, sqs, sns, lambda, releases };
}
