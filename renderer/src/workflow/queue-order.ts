// The order rule lives in shared/ since the core's queue index sorts by it too.
export { latestFirst } from '../../../shared/queue-order';
