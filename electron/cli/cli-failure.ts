import { exitCodeFor, exitCodes } from './exit-codes';
import type { ApiError } from '../../shared/errors';

/** A failure the CLI reports as one line on stderr and an exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.badInput,
  ) {
    super(message);
  }

  static from(error: ApiError): CliFailure {
    return new CliFailure(error.message, exitCodeFor(error.kind));
  }
}
