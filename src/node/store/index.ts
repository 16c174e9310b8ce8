// The project store's public face: re-exports only. Start with Workspace (create/open/rename/delete,
// recent list) and ProjectStore (one lowdb file per project, atomic writes, validation on load).
export { StoreError, type StoreErrorCode } from './storeError';
export { MAX_PROJECT_BYTES, PROJECT_EXTENSION, PROJECT_FILE, ProjectStore, closeAllStores, readProjectFile, type StoreOptions } from './projectStore';
export { MIGRATIONS, migrateProject, newProjectData, referencedArrays, validateProject, type Migration } from './projectSchema';
export { ARRAYS_DIR, arrayFileIntact, readArrayFile, writeArrayFile } from './arrayFiles';
export { HEARTBEAT_MS, LOCK_DIR, STALE_MS, acquireLock, judgeLock, type LockOwner, type LockVerdict, type ProcessLock } from './processLock';
export { probeProcess, type ProcessProbe } from './processIdentity';
export { nodeFs, type StoreFs } from './storeFs';
export { MAX_RECENT, RECENT_FILE, RecentList } from './recentList';
export { MAX_FOLDER_STEM, MAX_PROJECT_NAME, Workspace, checkProjectName, projectFolderName, type WorkspaceOptions } from './workspace';
export { EXPORTS_DIR, MAX_TEXT_K, buildExport, writeExport, type ExportMeta } from './exportFormulas';
export { MAX_EXPORT_BYTES, estimateExportBytes } from './exportSize';
