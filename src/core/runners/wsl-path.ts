/**
 * Paths between Windows and WSL, as `wslpath` translates them, without starting WSL:
 * `C:\Users\x` <-> `/mnt/c/Users/x`, and a distro's own files `\\wsl.localhost\Ubuntu\home\x`
 * (or `\\wsl$\...`) <-> `/home/x`. A POSIX path is already a WSL path and stays as it is.
 */
export function windowsToWsl(path: string): string {
  const drive = /^([A-Za-z]):(?:[\\/](.*))?$/.exec(path);
  if (drive) {
    const rest = (drive[2] ?? '').replace(/\\/g, '/').replace(/\/+$/, '');
    return `/mnt/${drive[1]!.toLowerCase()}${rest ? `/${rest}` : ''}`;
  }
  const share = /^[\\/]{2}(?:wsl\$|wsl\.localhost)[\\/][^\\/]+(?:[\\/](.*))?$/i.exec(path);
  if (share) return `/${(share[1] ?? '').replace(/\\/g, '/')}`;
  return path.replace(/\\/g, '/');
}

/** The reverse: `/mnt/c/x` -> `C:\x`; other WSL paths -> the distro's share. */
export function wslToWindows(path: string, distro: string): string {
  const drive = /^\/mnt\/([a-z])(?:\/(.*))?$/i.exec(path);
  if (drive) return `${drive[1]!.toUpperCase()}:\\${(drive[2] ?? '').replace(/\//g, '\\')}`;
  return `\\\\wsl.localhost\\${distro}${path.replace(/\//g, '\\')}`;
}
