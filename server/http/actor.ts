import type { Request } from 'express';

/** Who did it, for the change log. Until sign-in exists every caller is an anonymous client by address. */
export function actorOf(req: Request): string {
  return `anonymous@${req.ip ?? 'unknown'}`;
}
