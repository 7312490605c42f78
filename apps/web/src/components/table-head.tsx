import type { ReactNode } from "react";
import styles from "./table-head.module.css";

/** One column heading: its text ("" for an unlabelled actions column), or a label with options. */
export type Column = string | { label: ReactNode; numeric?: boolean; className?: string };

/** A right-aligned heading, for a column of figures. */
export function num(label: string): Column {
  return { label, numeric: true };
}

/** A table's header row, one `<th>` per column in order. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          typeof c === "string" ? (
            <th key={i}>{c || null}</th>
          ) : (
            <th key={i} className={c.numeric ? styles.num : c.className}>
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
