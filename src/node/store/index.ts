// The project store's public face: re-exports only. Start with Workspace (create/open/rename/delete,
// recent list) and ProjectStore (one lowdb file per project, atomic writes, validation on load).
export { StoreError, type StoreErrorCode } from './storeError';
export { PROJECT_EXTENSION, PROJECT_FILE, ProjectStore, closeAllStores, readProjectFile, type StoreOptions } from './projectStore';
export { MIGRATIONS, migrateProject, newProjectData, referencedArrays, validateProject, type Migration } from './projectSchema';
export { ARRAYS_DIR, arrayFileIntact, readArrayFile, writeArrayFile } from './arrayFiles';
export { LOCK_FILE, acquireLock, type ProcessLock } from './processLock';
export { MAX_RECENT, RECENT_FILE, RecentList } from './recentList';
export { MAX_PROJECT_NAME, Workspace, checkProjectName, projectFolderName, type WorkspaceOptions } from './workspace';
export { EXPORTS_DIR, MAX_TEXT_K, buildExport, writeExport, type ExportMeta } from './exportFormulas';
