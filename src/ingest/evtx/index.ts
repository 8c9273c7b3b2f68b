/**
 * Binary EVTX reader: Windows .evtx files to normalized events, natively in TypeScript.
 * See docs/evtx.md for what is supported, the recovery rules and the XML formatting conventions.
 */
export { readEvtx, readEvtxFile } from './reader.js';
/** `ElfFile\0`, the first 8 bytes of an .evtx file (for format sniffing). */
export { FILE_MAGIC as EVTX_MAGIC, hasFileMagic as isEvtxMagic } from './file-header.js';
