export declare const ALL_SDKS: string[];

export interface GeneratedProject {
  dir: string;
  files: number;
  lines: number;
  sendSites: number;
  /** "file:line Kind" keys, file relative to dir, sorted. */
  expected: string[];
}

export declare function generateBotProject(dir: string, options?: { lines?: number; sdks?: string[]; seed?: number }): GeneratedProject;
