"use client";
import { useQuery } from "@tanstack/react-query";
import type { Role } from "@onset/db";
import type { UserProjects } from "@/contracts/projects";
import { apiGet } from "@/lib/api-client";

/** The user's projects and their role in the current one (one cached query, ["projects"], for every settings section). */
export function useUserProjects() {
  return useQuery({ queryKey: ["projects"], queryFn: () => apiGet<UserProjects>("/projects") });
}

/** True when the user may change this project's settings (admin or owner); the server checks again. */
export function canAdminister(role: Role | null | undefined): boolean {
  return role === "owner" || role === "admin";
}
