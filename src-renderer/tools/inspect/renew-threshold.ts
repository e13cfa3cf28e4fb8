/** The renewal threshold as the form holds it: a share of the lifetime left (%), or days left. */
export interface RenewChoice {
  unit: 'share' | 'days';
  amount: number;
}

/** The form starts at 33%, which stands for the main process's default: exactly a third. */
export const DEFAULT_CHOICE: RenewChoice = { unit: 'share', amount: 33 };

/** The channel's `renew` field: nothing for the default, so a third stays a third. */
export function renewInput(choice: RenewChoice): { renew?: { days: number } | { share: number } } {
  if (choice.unit === DEFAULT_CHOICE.unit && choice.amount === DEFAULT_CHOICE.amount) return {};
  return {
    renew: choice.unit === 'days' ? { days: Math.round(choice.amount) } : { share: choice.amount / 100 },
  };
}
