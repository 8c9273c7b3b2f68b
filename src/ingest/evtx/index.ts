/**
 * Binary EVTX reader: Windows .evtx files to normalized events, natively in TypeScript.
 * See docs/evtx.md for what is supported, the recovery rules and the XML formatting conventions.
 */
export { readEvtx, readEvtxFile } from './reader.js';
export { hasFileMagic as isEvtxMagic, FILE_MAGIC as EVTX_MAGIC } from './file-header.js';
export { renderFragment as renderRecordXml } from './render-xml.js';
