// The trainer's public face (re-exports only). Start with trainRuns (trainer.ts): the reference schedule
// over a master tree (layout.ts) whose forward/backward lives in tape.ts and kernels.ts.
export * from './layout';
export * from './kernels';
export * from './tape';
export * from './penalties';
export * from './adam';
export * from './lbfgs';
export * from './options';
export * from './init';
export * from './torchRng';
export * from './embed';
export * from './targets';
export * from './dataset';
export * from './snap';
export * from './trainer';
export * from './lower';
export * from './treeText';
export * from './metrics';
export * from './problem';
export * from './generalLayout';
export * from './generalKernels';
export * from './generalTape';
export * from './generalEmbed';
export * from './generalInit';
export * from './generalSnap';
export * from './model';
export * from './levenbergMarquardt';
