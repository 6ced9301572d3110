/**
 * What a cancelled model run says. Its own file: the cancel route imports it without loading the
 * trainers (run-model-run pulls in the worker-thread runner, which a Next.js route cannot bundle).
 */
export const CANCELLED_MESSAGE = "Cancelled: nothing was saved and the previous scores stay in place.";
