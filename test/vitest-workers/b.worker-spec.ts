import { recordWhatThisWorkerSees } from "./worker-spec-body.ts";

recordWhatThisWorkerSees(import.meta.filename);
