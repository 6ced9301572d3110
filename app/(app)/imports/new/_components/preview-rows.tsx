/** The first rows of an uploaded file, as the preview table's body. */
export function PreviewRows({ rows }: { rows: string[][] }) {
  return (
    <tbody className="divide-y divide-slate-100">
      {rows.map((row, i) => (
        <tr key={i}>
          {row.map((v, j) => (
            <td key={j} className="max-w-56 truncate px-3 py-1.5 text-slate-700" title={v}>
              {v}
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}
