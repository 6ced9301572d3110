"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { importKeys } from "@/lib/query/imports";
import { postJson } from "@/lib/imports/uploads/upload-file";

/** The cancel button of an import: asks the worker to stop (a running import rolls back), then refreshes it. */
export function useCancelImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => postJson(`/api/v1/imports/${id}/cancel`, {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: importKeys.all }),
  });
}
