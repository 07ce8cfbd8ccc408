/**
 * The Mermaid chart of a journey (`GET /journeys/{id}/mermaid`). The drawing lives in
 * `@conduct/core` so code and the HTTP API give the same chart.
 */
export { journeyMermaid } from '@conduct/core';
