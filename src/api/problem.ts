// RFC 9457 problem details. Every error the API sends is one of these, as application/problem+json.
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://smp.example/problems/';

export class Problem extends Error {
  /**
   * What the service log says instead of the detail, where the detail quotes what the log must not keep
   * (an uploaded photo's file name, often the client's name); the answer keeps the detail.
   */
  logDetail?: string;
  /** What a kept record (a failed analysis) says instead of the detail, for the same reason. */
  storedDetail?: string;

  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }

  body(instance?: string): ProblemBody {
    return { type: PROBLEM_BASE + this.slug, title: this.title, status: this.status, detail: this.message, instance, ...this.extensions };
  }
}

/** A validation issue as a problem lists it: where (a JSON pointer or a field path) and what. */
export interface ProblemIssue {
  path: string;
  message: string | undefined;
}

/** An issue as a problem's detail says it: "path: message". */
export const issueLine = (i: ProblemIssue): string => `${i.path}: ${i.message}`;

/**
 * A 400 listing validation issues: its detail is every issue in words (`line`, by default "path:
 * message"), after `lead` when given, and the issues ride along as `issues`.
 */
export function issuesProblem(slug: string, title: string, issues: ProblemIssue[], lead = '', line: (i: ProblemIssue) => string = issueLine): Problem {
  return new Problem(400, slug, title, lead + issues.map(line).join('; '), { issues });
}

/** A byte size as a person reads it: 8 MiB, 512 KiB, 100 bytes. */
export function sizeText(bytes: number): string {
  if (bytes >= 2 ** 20 && bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20} MiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
