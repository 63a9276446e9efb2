// The bundle's entry point: window.BriefgraphGraph = {mount, version}.
import { mount } from "./view.js";

export const version = "1";
export { mount };

if (typeof window !== "undefined") {
  window.BriefgraphGraph = { mount, version };
}
