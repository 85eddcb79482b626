// The peer validators, in the order that the tables list them.
import { ajvPeer } from "./ajv.mjs";
import { valibotPeer } from "./valibot.mjs";
import { zodPeer } from "./zod.mjs";

export const PEERS = [ajvPeer, zodPeer, valibotPeer];
