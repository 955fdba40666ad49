// One value in storage.session that several messages change: each change reads, changes and writes it in
// turn, so two at once never write over each other (the service worker is the value's only writer).
import { readStored, writeStored } from "../vault/stored-values";

export interface SessionRecord<V> {
  read(): Promise<V>;
  /** Runs after every earlier change of this record has been written. */
  change<T>(change: (value: V) => { value: V; result: T }): Promise<T>;
}

export function sessionRecord<V>(key: string, empty: () => V): SessionRecord<V> {
  let queue: Promise<unknown> = Promise.resolve();
  const read = async () => ((await readStored("session", key)) as V | undefined) ?? empty();
  return {
    read,
    change(change) {
      const run = queue.then(async () => {
        const { value, result } = change(await read());
        await writeStored("session", { [key]: value });
        return result;
      });
      queue = run.catch(() => {});
      return run;
    },
  };
}
