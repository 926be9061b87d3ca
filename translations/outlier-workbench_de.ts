<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Outlier Workbench: study outlier features in LLMs.</source>
        <translation>Outlier Workbench: Ausreißer-Merkmale in LLMs untersuchen.</translation>
    </message>
    <message>
        <source>Workspace folder to open.</source>
        <translation>Zu öffnender Arbeitsbereich.</translation>
    </message>
    <message>
        <source>Save the window to FILE and quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the first run whose name contains TEXT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select feature dimension N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with a logarithmic colour scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show systematic dims only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open tab N (0 heatmap, 1 systematic, 2 runs, …) or the tab named NAME (e.g. plots).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show scatter plot ID on the Plots tab (e.g. perplexity_vs_num_outliers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the plots and tables of DIR (a workspace or run folder) without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for --export.</source>
        <translation>Zielordner für --export.</translation>
    </message>
    <message>
        <source>Exported image width in pixels (1600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported image height in pixels (1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported image resolution (150).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outlier Workbench</source>
        <translation>Outlier Workbench</translation>
    </message>
</context>
<context>
    <name>owb::gui::MainWindow</name>
    <message>
        <source>Outlier Workbench</source>
        <translation>Outlier Workbench</translation>
    </message>
    <message>
        <source>Open a workspace folder (Ctrl+O).</source>
        <translation>Öffnen Sie einen Arbeitsbereich (Strg+O).</translation>
    </message>
    <message>
        <source>&amp;Heatmap</source>
        <translation>&amp;Heatmap</translation>
    </message>
    <message>
        <source>&amp;Systematic outliers</source>
        <translation>&amp;Systematische Ausreißer</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>&amp;Läufe</translation>
    </message>
    <message>
        <source>Run store</source>
        <translation>Laufarchiv</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Re&amp;scan Workspace</source>
        <translation>Arbeitsbereich &amp;neu einlesen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Outlier Workbench</source>
        <translation>Ü&amp;ber Outlier Workbench</translation>
    </message>
    <message>
        <source>About Outlier Workbench</source>
        <translation>Über Outlier Workbench</translation>
    </message>
    <message>
        <source>&lt;b&gt;Outlier Workbench&lt;/b&gt; %1&lt;br&gt;A workstation for studying outlier features in large language models.</source>
        <translation>&lt;b&gt;Outlier Workbench&lt;/b&gt; %1&lt;br&gt;Ein Arbeitsplatz zur Untersuchung von Ausreißer-Merkmalen in großen Sprachmodellen.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>%1 – Outlier Workbench</source>
        <translation>%1 – Outlier Workbench</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>Lese %1 ein…</translation>
    </message>
    <message>
        <source>Rescanning %1…</source>
        <translation>Lese %1 neu ein…</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) in %1</source>
        <translation>
            <numerusform>%n Lauf in %1</numerusform>
            <numerusform>%n Läufe in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a run in the run store.</source>
        <translation>Wählen Sie einen Lauf im Laufarchiv.</translation>
    </message>
    <message>
        <source>No run folders found in this workspace.</source>
        <translation>In diesem Arbeitsbereich wurden keine Laufordner gefunden.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <source>This run has no layer_stats.json (seed-format folders have no hook x dimension matrix). Its systematic outliers are in the &quot;Systematic outliers&quot; tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run failed: %1

%2</source>
        <translation>Dieser Lauf ist fehlgeschlagen: %1

%2</translation>
    </message>
    <message>
        <source>This run has no outlier analysis (no layer_stats.json).</source>
        <translation>Dieser Lauf hat keine Ausreißeranalyse (keine layer_stats.json).</translation>
    </message>
    <message>
        <source>Could not read the heatmap:
%1</source>
        <translation>Die Heatmap konnte nicht gelesen werden:
%1</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <source>Select a run to see its details.</source>
        <translation>Wählen Sie einen Lauf, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>Ordner: %1</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>Status: %1 (mode %2, host %3)</source>
        <translation>Status: %1 (Modus %2, Host %3)</translation>
    </message>
    <message>
        <source>Started %1, finished %2</source>
        <translation>Gestartet %1, beendet %2</translation>
    </message>
    <message>
        <source>Elapsed: %1 s</source>
        <translation>Dauer: %1 s</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Last log lines:</source>
        <translation>Letzte Protokollzeilen:</translation>
    </message>
    <message>
        <source>No run.json (a folder made by the seed tooling).</source>
        <translation>Keine run.json (ein Ordner der Seed-Werkzeuge).</translation>
    </message>
    <message>
        <source>Systematic outliers: %1 from the %2; threshold %3</source>
        <translation>Systematische Ausreißer: %1 aus der %2; Schwelle %3</translation>
    </message>
    <message>
        <source>Heatmap: %1 hooks x %2 dims over %3 positions</source>
        <translation>Heatmap: %1 Hooks x %2 Dimensionen über %3 Positionen</translation>
    </message>
    <message>
        <source>Perplexity: %1 (mean NLL %2 nats, %3 tokens)</source>
        <translation>Perplexität: %1 (mittlere NLL %2 nats, %3 Tokens)</translation>
    </message>
    <message>
        <source>&amp;Plots</source>
        <translation>&amp;Diagramme</translation>
    </message>
    <message>
        <source>Heatmap (PNG, SVG)</source>
        <translation>Heatmap (PNG, SVG)</translation>
    </message>
    <message>
        <source>Scatter plot: %1 (PNG, SVG)</source>
        <translation>Streudiagramm: %1 (PNG, SVG)</translation>
    </message>
    <message>
        <source>Comparison table (CSV, JSON)</source>
        <translation>Vergleichstabelle (CSV, JSON)</translation>
    </message>
    <message>
        <source>Systematic outliers table (CSV, JSON)</source>
        <translation>Tabelle der systematischen Ausreißer (CSV, JSON)</translation>
    </message>
    <message>
        <source>Runs table (CSV, JSON)</source>
        <translation>Lauftabelle (CSV, JSON)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
</context>
<context>
    <name>owb::models</name>
    <message>
        <source>%1: file not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot open (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not valid JSON (%2 at byte %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the top level is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has no valid feature_dim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2[%3] %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; has %3 rows, expected %4 (one per hook)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; row %3 has %4 values, expected %5 (hidden_size)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exact whole-run list (systematic_outliers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed top_features (per-batch criteria, deduplicated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed all_systematic_outliers (batch-concatenated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no systematic-outlier list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: none of systematic_outliers, top_features, all_systematic_outliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: format is &apos;%2&apos;, expected &apos;owb.layer_stats&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;hooks&apos; is missing or not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;hooks&apos; holds a value that is not a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: hidden_size is missing or not positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;perplexity&apos; is missing or not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: folder not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no %2, %3, %4 or %5: not a run folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::models::ComparisonPlots</name>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>Total parameters (B)</source>
        <translation>Parameter gesamt (Mrd.)</translation>
    </message>
    <message>
        <source>Active parameters (B)</source>
        <translation>Aktive Parameter (Mrd.)</translation>
    </message>
    <message>
        <source>Mean % of layers affected</source>
        <translation>Mittlerer Anteil betroffener Schichten (%)</translation>
    </message>
    <message>
        <source>Median % of layers affected</source>
        <translation>Median betroffener Schichten (%)</translation>
    </message>
    <message>
        <source>Mean % of sequence positions affected</source>
        <translation>Mittlerer Anteil betroffener Sequenzpositionen (%)</translation>
    </message>
    <message>
        <source>Median % of sequence positions affected</source>
        <translation>Median betroffener Sequenzpositionen (%)</translation>
    </message>
    <message>
        <source>Systematic outliers (batch-summed)</source>
        <translation>Systematische Ausreißer (über Batches summiert)</translation>
    </message>
    <message>
        <source>%1 vs %2</source>
        <translation>%1 gegen %2</translation>
    </message>
</context>
<context>
    <name>owb::models::ComparisonRows</name>
    <message>
        <source>%1: cannot open (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a JSON object (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no all_systematic_outliers list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::models::ComparisonTableModel</name>
    <message>
        <source>%1: choose a .csv or .json file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the model catalog</source>
        <translation>Aus dem Modellkatalog</translation>
    </message>
    <message>
        <source>From the run&apos;s model_info</source>
        <translation>Aus model_info des Laufs</translation>
    </message>
    <message>
        <source>Length of all_systematic_outliers: per-batch records, a dim counted once per batch it qualified in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MoE</source>
        <translation>MoE</translation>
    </message>
    <message>
        <source>dense</source>
        <translation>dicht</translation>
    </message>
    <message>
        <source>The seed&apos;s calculate_metrics over all_systematic_outliers (batch-concatenated), in percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Total params (B)</source>
        <translation>Parameter gesamt (Mrd.)</translation>
    </message>
    <message>
        <source>Active params (B)</source>
        <translation>Aktive Parameter (Mrd.)</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Systematic outliers</source>
        <translation>Systematische Ausreißer</translation>
    </message>
    <message>
        <source>Mean layer %</source>
        <translation>Schichten % (Mittel)</translation>
    </message>
    <message>
        <source>Median layer %</source>
        <translation>Schichten % (Median)</translation>
    </message>
    <message>
        <source>Mean seq %</source>
        <translation>Positionen % (Mittel)</translation>
    </message>
    <message>
        <source>Median seq %</source>
        <translation>Positionen % (Median)</translation>
    </message>
    <message>
        <source>Unique dims</source>
        <translation>Eindeutige Dimensionen</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
</context>
<context>
    <name>owb::models::HeatmapMatrix</name>
    <message>
        <source>max |x|</source>
        <translation>max |x|</translation>
    </message>
    <message>
        <source>hit share</source>
        <translation>Trefferanteil</translation>
    </message>
    <message>
        <source>%1, dim %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::models::ModelCatalog</name>
    <message>
        <source>model catalog: not valid (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::models::RunStoreModel</name>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n Lauf</numerusform>
            <numerusform>%n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>Systematic outliers: %1</source>
        <translation>Systematische Ausreißer: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>outliers</source>
        <translation>Ausreißer</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Systematic</source>
        <translation>Systematisch</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
</context>
<context>
    <name>owb::models::SystematicOutliersModel</name>
    <message>
        <source>Dim</source>
        <translation>Dim.</translation>
    </message>
    <message>
        <source>Max |x|</source>
        <translation>Max |x|</translation>
    </message>
    <message>
        <source>Layer %</source>
        <translation>Schichten %</translation>
    </message>
    <message>
        <source>Seq %</source>
        <translation>Positionen %</translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation>Vorkommen</translation>
    </message>
    <message>
        <source>Hooks hit</source>
        <translation>Getroffene Hooks</translation>
    </message>
    <message>
        <source>Feature dimension (hidden-state index)</source>
        <translation>Merkmalsdimension (Index im Hidden State)</translation>
    </message>
    <message>
        <source>Largest |x| of this dimension over every hook and position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook tensors where the dimension hits / hook tensors analysed (2 per layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positions where the dimension hits in any hook / positions analysed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of (hook, position) hits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of hook tensors in layers_affected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::models::WorkspaceScanner</name>
    <message>
        <source>%1: not a folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::widgets</name>
    <message>
        <source>Viridis (perceptual)</source>
        <translation>Viridis (wahrnehmungsgleich)</translation>
    </message>
    <message>
        <source>Magma (perceptual)</source>
        <translation>Magma (wahrnehmungsgleich)</translation>
    </message>
    <message>
        <source>Thermal</source>
        <translation>Thermisch</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>Graustufen</translation>
    </message>
    <message>
        <source>Jet (not perceptual)</source>
        <translation>Jet (nicht wahrnehmungsgleich)</translation>
    </message>
</context>
<context>
    <name>owb::widgets::DimProfilePanel</name>
    <message>
        <source>max |x|</source>
        <translation>max |x|</translation>
    </message>
    <message>
        <source>hit share (dashed)</source>
        <translation>Trefferanteil (gestrichelt)</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Dimension %1</source>
        <translation>Dimension %1</translation>
    </message>
    <message>
        <source>No dimension selected</source>
        <translation>Keine Dimension gewählt</translation>
    </message>
    <message>
        <source>Click a column of the heatmap or a row of the systematic table.</source>
        <translation>Klicken Sie auf eine Spalte der Heatmap oder eine Zeile der Ausreißertabelle.</translation>
    </message>
    <message>
        <source>hooks</source>
        <translation>Hooks</translation>
    </message>
    <message>
        <source>%1 hit share</source>
        <translation>%1 Trefferanteil</translation>
    </message>
    <message>
        <source>hook point</source>
        <translation>Hook-Punkt</translation>
    </message>
    <message>
        <source>Peak max |x| %1 at %2 (threshold %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in this run&apos;s systematic-outlier list.</source>
        <translation>Nicht in der Ausreißerliste dieses Laufs.</translation>
    </message>
    <message>
        <source>Systematic: %1.</source>
        <translation>Systematisch: %1.</translation>
    </message>
    <message>
        <source>Max magnitude: %1</source>
        <translation>Maximaler Betrag: %1</translation>
    </message>
    <message>
        <source>Layer %: %1 (%2 hook tensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq %: %1</source>
        <translation>Positionen %: %1</translation>
    </message>
    <message>
        <source>Occurrences: %1</source>
        <translation>Vorkommen: %1</translation>
    </message>
    <message>
        <source>Batches qualified: %1</source>
        <translation>Qualifizierte Batches: %1</translation>
    </message>
    <message>
        <source>Example values: %1</source>
        <translation>Beispielwerte: %1</translation>
    </message>
</context>
<context>
    <name>owb::widgets::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>&amp;Export:</source>
        <translation>&amp;Exportieren:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>&amp;Breite:</translation>
    </message>
    <message>
        <source>&amp;Height:</source>
        <translation>&amp;Höhe:</translation>
    </message>
    <message>
        <source>&amp;DPI:</source>
        <translation>&amp;DPI:</translation>
    </message>
    <message>
        <source>PNG or SVG, by the file&apos;s suffix. More DPI at the same size gives larger text.</source>
        <translation>PNG oder SVG, je nach Dateiendung. Mehr DPI bei gleicher Größe ergibt größere Schrift.</translation>
    </message>
    <message>
        <source>CSV or JSON, by the file&apos;s suffix.</source>
        <translation>CSV oder JSON, je nach Dateiendung.</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;JSON (*.json)</source>
        <translation>CSV-Tabelle (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>Es wurde nichts geschrieben.</translation>
    </message>
</context>
<context>
    <name>owb::widgets::HeatmapExport</name>
    <message>
        <source>max |x|</source>
        <translation>max |x|</translation>
    </message>
    <message>
        <source>feature dimension</source>
        <translation>Merkmalsdimension</translation>
    </message>
    <message>
        <source>hook point</source>
        <translation>Hook-Punkt</translation>
    </message>
</context>
<context>
    <name>owb::widgets::HeatmapView</name>
    <message>
        <source>Select a run with a layer_stats.json to see its heatmap.</source>
        <translation>Wählen Sie einen Lauf mit layer_stats.json, um seine Heatmap zu sehen.</translation>
    </message>
    <message>
        <source>feature dimension</source>
        <translation>Merkmalsdimension</translation>
    </message>
    <message>
        <source>hook point</source>
        <translation>Hook-Punkt</translation>
    </message>
    <message>
        <source>systematic dimensions</source>
        <translation>systematische Dimensionen</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Wert:</translation>
    </message>
    <message>
        <source>max |x|: largest magnitude per hook and dimension; hit share: positions with |x| &gt;= threshold / positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Farben:</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>&amp;Logarithmische Skala</translation>
    </message>
    <message>
        <source>&amp;Systematic dims only</source>
        <translation>Nur &amp;systematische Dimensionen</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>Zoom &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Show the whole matrix (or double-click the plot)</source>
        <translation>Ganze Matrix zeigen (oder Doppelklick auf das Diagramm)</translation>
    </message>
    <message>
        <source>This run has no systematic dimensions; clear &quot;Systematic dims only&quot; to see all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
dim %2
max |x| = %3
hit share = %4 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
systematic</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::widgets::ImageExport</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a .png or .svg file</source>
        <translation>wählen Sie eine .png- oder .svg-Datei</translation>
    </message>
    <message>
        <source>the size and DPI must be positive</source>
        <translation>Größe und DPI müssen positiv sein</translation>
    </message>
    <message>
        <source>could not encode the PNG</source>
        <translation>das PNG konnte nicht kodiert werden</translation>
    </message>
    <message>
        <source>Exported by Outlier Workbench</source>
        <translation>Exportiert von Outlier Workbench</translation>
    </message>
</context>
<context>
    <name>owb::widgets::ScatterChart</name>
    <message>
        <source>Fit: %1, R² = %2 (least squares on ln y)</source>
        <translation>Anpassung: %1, R² = %2 (kleinste Quadrate auf ln y)</translation>
    </message>
    <message>
        <source>%1 — no included run has both values</source>
        <translation>%1 — kein einbezogener Lauf hat beide Werte</translation>
    </message>
    <message>
        <source>MoE</source>
        <translation>MoE</translation>
    </message>
    <message>
        <source>Dense</source>
        <translation>Dicht</translation>
    </message>
    <message>
        <source>Unknown architecture</source>
        <translation>Unbekannte Architektur</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
</context>
<context>
    <name>owb::widgets::ScatterPlotView</name>
    <message>
        <source>Plot:</source>
        <translation>Diagramm:</translation>
    </message>
    <message>
        <source>Exponential &amp;fit</source>
        <translation>Exponentielle &amp;Anpassung</translation>
    </message>
    <message>
        <source>y = a·exp(b·x), least squares on ln y (points with y ≤ 0 are left out); R² of that linear fit in log space</source>
        <translation>y = a·exp(b·x), kleinste Quadrate auf ln y (Punkte mit y ≤ 0 werden ausgelassen); R² dieser linearen Anpassung im Log-Raum</translation>
    </message>
    <message>
        <source>Model &amp;names</source>
        <translation>Modell&amp;namen</translation>
    </message>
    <message>
        <source>Include &amp;all</source>
        <translation>&amp;Alle einbeziehen</translation>
    </message>
    <message>
        <source>Include &amp;none</source>
        <translation>&amp;Keinen einbeziehen</translation>
    </message>
    <message>
        <source>Check a run to include it in the plot</source>
        <translation>Haken setzen, um einen Lauf ins Diagramm aufzunehmen</translation>
    </message>
    <message>
        <source>%1 of %2 included runs plotted</source>
        <translation>%1 von %2 einbezogenen Läufen dargestellt</translation>
    </message>
    <message>
        <source>; no fit (needs two points with y &gt; 0 and different x)</source>
        <translation>; keine Anpassung (braucht zwei Punkte mit y &gt; 0 und verschiedenem x)</translation>
    </message>
    <message>
        <source>%1: x = %2, y = %3</source>
        <translation>%1: x = %2, y = %3</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SystematicTableView</name>
    <message>
        <source>No systematic-outlier list: select a run with a final_analysis_results.json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) from the %1. Percentages are fractions of hook tensors (layer %) and of positions (seq %).</source>
        <translation>
            <numerusform>%n Eintrag aus der %1. Prozente sind Anteile der Hook-Tensoren (Schichten %) und der Positionen (Positionen %).</numerusform>
            <numerusform>%n Einträge aus der %1. Prozente sind Anteile der Hook-Tensoren (Schichten %) und der Positionen (Positionen %).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>owb::widgets::TableExport</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a .csv or .json file</source>
        <translation>wählen Sie eine .csv- oder .json-Datei</translation>
    </message>
</context>
<context>
    <name>owb::widgets::WorkspaceExport</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no run has both %2 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: max |x| per hook point and feature dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no layer_stats.json, no heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no run folders</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
