/** The renewal threshold as the form holds it: a share of the lifetime left (%), or days left. */
export interface RenewChoice {
  unit: 'share' | 'days';
  amount: number;
}

export function renewInput(choice: RenewChoice): { days: number } | { share: number } {
  return choice.unit === 'days' ? { days: Math.round(choice.amount) } : { share: choice.amount / 100 };
}
