export { initializeServer, type ExpysServerClient, type InitializeServerOptions } from "./generated/server.ts";
