import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import pc from "picocolors";

// A CommonJS package read through its default export, and import.meta's paths.
export const info = {
  colors: typeof pc.red,
  client: typeof DynamoDBClient,
  url: import.meta.url,
  filename: import.meta.filename,
  dirname: import.meta.dirname,
};
