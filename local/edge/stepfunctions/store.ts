// Persistence under <dataDir>/stepfunctions/: one JSON file per state machine and per execution, each
// written atomically (temp file + rename) so a crash never leaves half a record behind.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionRecord, StateMachineRecord } from './records';

interface WriteSlot {
  /** The write now on disk's way. */
  current?: Promise<void>;
  /** A write queued behind it; later saves join it, since it renders the record when it starts. */
  next?: Promise<void>;
}

function fileName(arn: string): string {
  return `${createHash('sha256').update(arn).digest('hex').slice(0, 40)}.json`;
}

function readRecords<T>(dir: string): T[] {
  const records: T[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry.endsWith('.tmp')) {
      rmSync(path, { force: true }); // left by a crash mid-write; the previous version is intact
      continue;
    }
    if (!entry.endsWith('.json')) continue;
    try {
      records.push(JSON.parse(readFileSync(path, 'utf8')) as T);
    } catch (error) {
      console.warn(`stepfunctions: skipping unreadable ${path}: ${String(error)}`);
    }
  }
  return records;
}

export class StepFunctionsStore {
  private readonly machinesDir: string;
  private readonly executionsDir: string;
  private readonly slots = new Map<string, WriteSlot>();
  private tempCounter = 0;
  private closed = false;

  constructor(dataDir: string) {
    const root = join(dataDir, 'stepfunctions');
    this.machinesDir = join(root, 'state-machines');
    this.executionsDir = join(root, 'executions');
    mkdirSync(this.machinesDir, { recursive: true });
    mkdirSync(this.executionsDir, { recursive: true });
  }

  loadStateMachines(): StateMachineRecord[] {
    return readRecords<StateMachineRecord>(this.machinesDir);
  }

  loadExecutions(): ExecutionRecord[] {
    return readRecords<ExecutionRecord>(this.executionsDir);
  }

  saveStateMachine(record: StateMachineRecord): Promise<void> {
    return this.save(join(this.machinesDir, fileName(record.stateMachineArn)), record);
  }

  saveExecution(record: ExecutionRecord): Promise<void> {
    return this.save(join(this.executionsDir, fileName(record.executionArn)), record);
  }

  async deleteStateMachine(arn: string): Promise<void> {
    const path = join(this.machinesDir, fileName(arn));
    await this.settled(path);
    await rm(path, { force: true });
  }

  /** Finishes the writes under way, then ignores further saves (a new instance owns the files). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.slots.keys()].map((path) => this.settled(path)));
  }

  private async settled(path: string): Promise<void> {
    const slot = this.slots.get(path);
    await Promise.allSettled([slot?.current, slot?.next]);
  }

  private save(path: string, record: object): Promise<void> {
    if (this.closed) return Promise.resolve();
    let slot = this.slots.get(path);
    if (!slot) {
      slot = {};
      this.slots.set(path, slot);
    }
    if (slot.next) return slot.next;
    const own = slot;
    const previous = own.current ?? Promise.resolve();
    const next: Promise<void> = previous
      .catch(() => undefined)
      .then(() => {
        own.next = undefined;
        own.current = next;
        return this.writeAtomically(path, JSON.stringify(record));
      });
    own.next = next;
    return next;
  }

  private async writeAtomically(path: string, text: string): Promise<void> {
    const temp = `${path}.${process.pid}.${++this.tempCounter}.tmp`;
    await writeFile(temp, text);
    await rename(temp, path);
  }
}
