/** Take the user to a cell: activate its sheet and select it. */
export async function selectCell(context: Excel.RequestContext, sheet: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address.replace(/\$/g, "")).select();
  await context.sync();
}
