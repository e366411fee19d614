// Plain words for the file-system errors a command meets on the paths it is given (a folder where a file
// should be, a file where a folder should be, no permission), instead of Node's "EISDIR: illegal
// operation on a directory, read"; an error without a known code keeps its own message.

const TEXT: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links in the path',
};

export function fsErrorText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code && TEXT[code]) return TEXT[code];
  return err instanceof Error ? err.message : String(err);
}
