/** Bad input to `tierup observe` (an outputs file, a metrics export): what is wrong, in which file, and how to fix it. */
export class ObserveInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ObserveInputError';
  }
}
