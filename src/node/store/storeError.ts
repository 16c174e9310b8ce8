// StoreError: the one error type of the project store. Messages start with 'store:' and name the file
// (and the field, for invalid data); a file that raised one was left exactly as it was.

/**
 * Why a store operation failed: unreadable or invalid file, locked project, bad request; 'readonly' a
 * project opened read-only, 'write' a file that could not be written (nothing changed), 'tooLarge' a file
 * or an export over its size limit.
 */
export type StoreErrorCode =
  | 'corrupt' | 'invalid' | 'newer' | 'locked' | 'missing' | 'exists' | 'busy' | 'closed' | 'refused'
  | 'readonly' | 'write' | 'tooLarge';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message.startsWith('store:') ? message : `store: ${message}`);
  }
}
