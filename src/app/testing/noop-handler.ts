/** A handler file for the app model's tests: it only has to exist. */
export async function handler(): Promise<void> {}
