export { ensureChromium, launchChromium } from "./chromium.ts";
export { findMachineNode, type NodeBinary } from "./machine-node.ts";
export {
  activeResources,
  resourcesAbove,
  settledResourcesAbove,
  type ResourceCounts,
} from "./resources.ts";
export { publicOpenApiDocuments, unsupportedPublicDocuments } from "./public-documents.ts";
