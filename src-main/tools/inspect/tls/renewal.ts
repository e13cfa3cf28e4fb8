/** When a certificate is due for renewal: a number of days left, or a share of its lifetime left. */
export interface RenewThreshold {
  days?: number | undefined;
  share?: number | undefined;
}

/** certbot and cert-manager renew with a third of the lifetime left; the suite warns at the same point. */
export const DEFAULT_SHARE = 1 / 3;

export function renewWhen(threshold: RenewThreshold | undefined): string {
  if (threshold?.days !== undefined) return `${threshold.days} days left`;
  const share = threshold?.share ?? DEFAULT_SHARE;
  return share === DEFAULT_SHARE
    ? 'a third of the lifetime left'
    : `${Math.round(share * 1000) / 10}% of the lifetime left`;
}

/** Due for renewal: less left than the threshold (days, or share of notBefore..notAfter). */
export function dueForRenewal(
  notBefore: number,
  notAfter: number,
  now: number,
  threshold: RenewThreshold | undefined,
): boolean {
  const left = notAfter - now;
  if (threshold?.days !== undefined) return left < threshold.days * 86_400_000;
  const lifetime = notAfter - notBefore;
  return lifetime <= 0 || left / lifetime < (threshold?.share ?? DEFAULT_SHARE);
}
