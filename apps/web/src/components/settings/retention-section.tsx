"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { apiGet, apiPatch } from "@/lib/api-client";
import { MAX_RETENTION_DAYS, type Retention } from "@/contracts/retention";
import styles from "./settings.module.css";

/** Retention: how many days the project keeps its runs (empty: everything). */
export function RetentionSection() {
  const qc = useQueryClient();
  const current = useQuery({ queryKey: ["retention"], queryFn: () => apiGet<Retention>("/retention") });
  const [days, setDays] = useState("");
  const [edited, setEdited] = useState(false);
  // The stored value fills the field until the user types; a refetch never overwrites their input.
  useEffect(() => {
    if (current.data && !edited) setDays(current.data.retentionDays === null ? "" : String(current.data.retentionDays));
  }, [current.data, edited]);
  const save = useMutation({
    mutationFn: (retentionDays: number | null) => apiPatch<Retention>("/retention", { retentionDays }),
    onSuccess: (r) => qc.setQueryData(["retention"], r),
  });
  const parsed = days.trim() === "" ? null : Number(days);
  const valid = parsed === null || (Number.isInteger(parsed) && parsed >= 1 && parsed <= MAX_RETENTION_DAYS);

  return (
    <div data-testid="retention-section">
      <p className="muted">
        Runs that ended more than this many days ago are deleted, whole, by an hourly background pass (old months go by dropping their partitions).
        Leave it empty to keep everything.
      </p>
      <form
        className={styles.inlineForm}
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) save.mutate(parsed);
        }}
      >
        <input
          aria-label="Retention in days"
          type="number"
          min={1}
          max={MAX_RETENTION_DAYS}
          step={1}
          placeholder="keep everything"
          value={days}
          onChange={(e) => {
            setEdited(true);
            setDays(e.target.value);
          }}
        />
        <span className="muted" style={{ alignSelf: "center" }}>
          days
        </span>
        <button type="submit" disabled={!valid || save.isPending || current.isPending}>
          Save
        </button>
      </form>
      {!valid && <p role="alert" className="error">A whole number of days from 1 to {MAX_RETENTION_DAYS}, or empty.</p>}
      {current.isError && <p role="alert" className="error">Could not load the retention: {current.error.message}</p>}
      {save.isError && <p role="alert" className="error">Could not save: {save.error.message}</p>}
      {save.isSuccess && (
        <p className="muted" data-testid="retention-saved">
          Saved: {save.data.retentionDays === null ? "runs are kept forever" : `runs are kept ${save.data.retentionDays} days after they end`}.
        </p>
      )}
    </div>
  );
}
