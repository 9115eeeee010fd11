/** Each test file runs the code as the command line does: `__proto__` is an ordinary object key. */
import { makeProtoAnOrdinaryKey } from '../../src/util/object-keys.js';

makeProtoAnOrdinaryKey();
