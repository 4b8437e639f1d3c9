/** A backup or restore refused with a message for the person running it. */
export class BackupError extends Error {}
