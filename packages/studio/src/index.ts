/**
 * `@conduct/studio`: the web studio, shipped built. Serve it with `@conduct/http`:
 * `createConductApp({ conduct, studio: { assets: studioAssets() } })`.
 */
export {
  STUDIO_STATIC_DIR,
  type StudioAssetsOptions,
  type StudioFile,
  studioAssets,
} from './assets.js';
