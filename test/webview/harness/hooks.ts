// mocha root hooks: one browser and one server for the whole run.
import { closeEnvironment } from './editor-page.js';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await closeEnvironment();
  },
};
