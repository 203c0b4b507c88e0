/**
 * The events layer: our Django signals, typed. `registry` holds the receivers, `transactions`
 * the atomic blocks and after-commit queue, `writes` the statements that fire the hooks.
 */

export { currentDb, inTransaction } from "../current";
export {
  assertReceiversRegistered,
  connect,
  connectedReceivers,
  resetReceivers,
  withoutReceivers,
} from "./registry";
export { atomic, onCommit } from "./transactions";
export type * from "./types";
export { tables } from "./types";
export {
  deleteWhere,
  findRow,
  insert,
  insertFrom,
  remove,
  update,
  updateWhere,
  upsert,
} from "./writes";
