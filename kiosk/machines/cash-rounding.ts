/**
 * What a total comes to in cash: the nearest 5 cents (art. 13-quater DL 50/2017), endings 1, 2,
 * 6, 7 down and 3, 4, 8, 9 up. The same rule as the domain's `roundCashTotal`, which a test holds
 * this to: the screens need it to show a cash figure before the host quotes one, and the domain
 * module would bring its rule-set schemas into the kiosk page with it.
 */
export function cashRounded(cents: number): number {
  const rest = cents % 5;
  return rest <= 2 ? cents - rest : cents + (5 - rest);
}
