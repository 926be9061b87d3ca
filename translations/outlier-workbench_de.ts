<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>connected to %1@%2:%3, host key %4</source>
        <translation>verbunden mit %1@%2:%3, Host-Schlüssel %4</translation>
    </message>
</context>
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
        <translation>Das Fenster in DATEI speichern und beenden.</translation>
    </message>
    <message>
        <source>Select the first run whose name contains TEXT.</source>
        <translation>Den ersten Lauf wählen, dessen Name TEXT enthält.</translation>
    </message>
    <message>
        <source>Select feature dimension N.</source>
        <translation>Merkmalsdimension N wählen.</translation>
    </message>
    <message>
        <source>Start with a logarithmic colour scale.</source>
        <translation>Mit logarithmischer Farbskala starten.</translation>
    </message>
    <message>
        <source>Show systematic dims only.</source>
        <translation>Nur systematische Dimensionen zeigen.</translation>
    </message>
    <message>
        <source>Show scatter plot ID on the Plots tab (e.g. perplexity_vs_num_outliers).</source>
        <translation>Streudiagramm ID im Reiter Diagramme zeigen (z. B. perplexity_vs_num_outliers).</translation>
    </message>
    <message>
        <source>Write the plots and tables of DIR (a workspace or run folder) without a window.</source>
        <translation>Die Diagramme und Tabellen von DIR (Arbeitsbereich oder Laufordner) ohne Fenster schreiben.</translation>
    </message>
    <message>
        <source>Folder for --export.</source>
        <translation>Zielordner für --export.</translation>
    </message>
    <message>
        <source>Exported image width in pixels (1600).</source>
        <translation>Breite exportierter Bilder in Pixeln (1600).</translation>
    </message>
    <message>
        <source>Exported image height in pixels (1000).</source>
        <translation>Höhe exportierter Bilder in Pixeln (1000).</translation>
    </message>
    <message>
        <source>Exported image resolution (150).</source>
        <translation>Auflösung exportierter Bilder (150).</translation>
    </message>
    <message>
        <source>Outlier Workbench</source>
        <translation>Outlier Workbench</translation>
    </message>
    <message>
        <source>Open tab N (0 heatmap, 1 systematic, 2 runs, …) or the tab named NAME (e.g. plots, super, compare; compare selects every outlier run).</source>
        <translation>Reiter N öffnen (0 Heatmap, 1 systematisch, 2 Läufe, …) oder den Reiter NAME (z. B. plots, super, compare; compare wählt jeden Ausreißerlauf).</translation>
    </message>
    <message>
        <source>With --screenshot: grab the dialog NAME (picker, picker-folder, picker-hub, cache) instead of the window.</source>
        <translation>Mit --screenshot: statt des Fensters den Dialog NAME aufnehmen (picker, picker-folder, picker-hub, cache).</translation>
    </message>
    <message>
        <source>The model picker&apos;s search text, folder or hub id.</source>
        <translation>Suchtext, Ordner oder Hub-ID für die Modellauswahl.</translation>
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
        <translation>Dieser Lauf hat keine layer_stats.json (Ordner im Seed-Format haben keine Hook-x-Dimension-Matrix). Seine systematischen Ausreißer stehen im Reiter „Systematische Ausreißer“.</translation>
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
    <message>
        <source>Job queue</source>
        <translation>Auftragswarteschlange</translation>
    </message>
    <message>
        <source>Running: rows appear as the worker finishes each layer.</source>
        <translation>Läuft: Zeilen erscheinen, sobald der Worker eine Schicht abschließt.</translation>
    </message>
    <message>
        <source>S&amp;weep</source>
        <translation>S&amp;weep</translation>
    </message>
    <message>
        <source>&amp;Monitor</source>
        <translation>&amp;Monitor</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n job(s).</source>
        <translation>
            <numerusform>%n Auftrag eingereiht.</numerusform>
            <numerusform>%n Aufträge eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1: %2</source>
        <translation>Auftrag %1: %2</translation>
    </message>
    <message>
        <source>S&amp;uper weights</source>
        <translation>S&amp;uperweights</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>Hugging Face &amp;Cache…</source>
        <translation>Hugging-Face-&amp;Cache…</translation>
    </message>
    <message>
        <source>&amp;Damage</source>
        <translation>&amp;Schäden</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Remote Backends…</source>
        <translation>&amp;Entfernte Backends…</translation>
    </message>
</context>
<context>
    <name>owb::models</name>
    <message>
        <source>%1: file not found</source>
        <translation>%1: Datei nicht gefunden</translation>
    </message>
    <message>
        <source>%1: cannot open (%2)</source>
        <translation>%1: kann nicht geöffnet werden (%2)</translation>
    </message>
    <message>
        <source>%1: not valid JSON (%2 at byte %3)</source>
        <translation>%1: kein gültiges JSON (%2 bei Byte %3)</translation>
    </message>
    <message>
        <source>%1: the top level is not a JSON object</source>
        <translation>%1: die oberste Ebene ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>is not an object</source>
        <translation>ist kein Objekt</translation>
    </message>
    <message>
        <source>has no valid feature_dim</source>
        <translation>hat keine gültige feature_dim</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a list</source>
        <translation>%1: &apos;%2&apos; ist keine Liste</translation>
    </message>
    <message>
        <source>%1: %2[%3] %4</source>
        <translation>%1: %2[%3] %4</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; has %3 rows, expected %4 (one per hook)</source>
        <translation>%1: &apos;%2&apos; hat %3 Zeilen, erwartet %4 (eine pro Hook)</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; row %3 has %4 values, expected %5 (hidden_size)</source>
        <translation>%1: &apos;%2&apos; Zeile %3 hat %4 Werte, erwartet %5 (hidden_size)</translation>
    </message>
    <message>
        <source>exact whole-run list (systematic_outliers)</source>
        <translation>exakten Liste über den ganzen Lauf (systematic_outliers)</translation>
    </message>
    <message>
        <source>seed top_features (per-batch criteria, deduplicated)</source>
        <translation>Seed-Liste top_features (Kriterien pro Batch, ohne Duplikate)</translation>
    </message>
    <message>
        <source>seed all_systematic_outliers (batch-concatenated)</source>
        <translation>Seed-Liste all_systematic_outliers (Batches aneinandergehängt)</translation>
    </message>
    <message>
        <source>no systematic-outlier list</source>
        <translation>keine Liste systematischer Ausreißer</translation>
    </message>
    <message>
        <source>%1: none of systematic_outliers, top_features, all_systematic_outliers</source>
        <translation>%1: weder systematic_outliers noch top_features noch all_systematic_outliers</translation>
    </message>
    <message>
        <source>%1: format is &apos;%2&apos;, expected &apos;owb.layer_stats&apos;</source>
        <translation>%1: Format ist &apos;%2&apos;, erwartet &apos;owb.layer_stats&apos;</translation>
    </message>
    <message>
        <source>%1: &apos;hooks&apos; is missing or not a list</source>
        <translation>%1: &apos;hooks&apos; fehlt oder ist keine Liste</translation>
    </message>
    <message>
        <source>%1: &apos;hooks&apos; holds a value that is not a name</source>
        <translation>%1: &apos;hooks&apos; enthält einen Wert, der kein Name ist</translation>
    </message>
    <message>
        <source>%1: hidden_size is missing or not positive</source>
        <translation>%1: hidden_size fehlt oder ist nicht positiv</translation>
    </message>
    <message>
        <source>%1: &apos;perplexity&apos; is missing or not a number</source>
        <translation>%1: &apos;perplexity&apos; fehlt oder ist keine Zahl</translation>
    </message>
    <message>
        <source>%1: folder not found</source>
        <translation>%1: Ordner nicht gefunden</translation>
    </message>
    <message>
        <source>%1: no %2, %3, %4 or %5: not a run folder</source>
        <translation>%1: kein %2, %3, %4 oder %5: kein Laufordner</translation>
    </message>
    <message>
        <source>has no valid &apos;%1&apos;</source>
        <translation>hat kein gültiges &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: line %2 is not a JSON object (%3)</source>
        <translation>%1: Zeile %2 ist kein JSON-Objekt (%3)</translation>
    </message>
    <message>
        <source>%1: &apos;super_weights&apos; is missing or not a list (not an owb superweights analysis file?)</source>
        <translation>%1: &apos;super_weights&apos; fehlt oder ist keine Liste (keine Analysedatei von owb superweights?)</translation>
    </message>
    <message>
        <source>has no numeric &apos;weight_value&apos;</source>
        <translation>hat keinen numerischen &apos;weight_value&apos;</translation>
    </message>
    <message>
        <source>%1: super_weights[%2] %3</source>
        <translation>%1: super_weights[%2] %3</translation>
    </message>
    <message>
        <source>%1: card %2 %3</source>
        <translation>%1: Karte %2 %3</translation>
    </message>
</context>
<context>
    <name>owb::models::CheckpointInfo</name>
    <message>
        <source>not a JSON object (%1)</source>
        <translation>kein JSON-Objekt (%1)</translation>
    </message>
    <message>
        <source>owb inspect printed no &quot;%1&quot;</source>
        <translation>owb inspect gab kein „%1“ aus</translation>
    </message>
    <message>
        <source>owb estimate-vram printed no &quot;resident_bytes&quot;</source>
        <translation>owb estimate-vram gab kein „resident_bytes“ aus</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>nothing after &apos;@&apos; (org/name@revision)</source>
        <translation>nichts nach &apos;@&apos; (org/name@revision)</translation>
    </message>
    <message>
        <source>the revision &quot;%1&quot; has characters a revision cannot have</source>
        <translation>die Revision „%1“ enthält Zeichen, die eine Revision nicht haben kann</translation>
    </message>
    <message>
        <source>a hub id is org/name (one &apos;/&apos;)</source>
        <translation>eine Hub-ID ist org/name (ein &apos;/&apos;)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a hub name (letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;; not starting with &apos;.&apos; or &apos;-&apos;)</source>
        <translation>„%1“ ist kein Hub-Name (Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;; nicht am Anfang &apos;.&apos; oder &apos;-&apos;)</translation>
    </message>
</context>
<context>
    <name>owb::models::CompareTableModel</name>
    <message>
        <source>%1 M</source>
        <translation>%1 Mio.</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 Mrd.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Total parameters</source>
        <translation>Parameter gesamt</translation>
    </message>
    <message>
        <source>Active parameters</source>
        <translation>Aktive Parameter</translation>
    </message>
    <message>
        <source>Systematic dims (unique)</source>
        <translation>Systematische Dimensionen (eindeutig)</translation>
    </message>
    <message>
        <source>Systematic records (seed count)</source>
        <translation>Systematische Einträge (Seed-Zählung)</translation>
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
        <source>Perplexity</source>
        <translation>Perplexität</translation>
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
        <translation>%1: kann nicht geöffnet werden (%2)</translation>
    </message>
    <message>
        <source>%1: not a JSON object (%2)</source>
        <translation>%1: kein JSON-Objekt (%2)</translation>
    </message>
    <message>
        <source>%1: no all_systematic_outliers list</source>
        <translation>%1: keine Liste all_systematic_outliers</translation>
    </message>
</context>
<context>
    <name>owb::models::ComparisonTableModel</name>
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
        <translation>Länge von all_systematic_outliers: Einträge pro Batch, eine Dimension einmal je Batch gezählt, in dem sie die Kriterien erfüllt</translation>
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
        <translation>calculate_metrics der Seed-Werkzeuge über all_systematic_outliers (Batches aneinandergehängt), in Prozent</translation>
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
    <name>owb::models::ConfigDiffModel</name>
    <message>
        <source>(no config.json)</source>
        <translation>(keine config.json)</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>(fehlt)</translation>
    </message>
    <message>
        <source>config.json key</source>
        <translation>Schlüssel in config.json</translation>
    </message>
</context>
<context>
    <name>owb::models::DamageSummaryModel</name>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Rank before</source>
        <translation>Rang vorher</translation>
    </message>
    <message>
        <source>Rank after</source>
        <translation>Rang nachher</translation>
    </message>
    <message>
        <source>Rank reduction</source>
        <translation>Rangverlust</translation>
    </message>
    <message>
        <source>Perplexity before</source>
        <translation>Perplexität vorher</translation>
    </message>
    <message>
        <source>Perplexity after</source>
        <translation>Perplexität nachher</translation>
    </message>
    <message>
        <source>Perplexity increase</source>
        <translation>Perplexitätsanstieg</translation>
    </message>
    <message>
        <source>Control rank reduction</source>
        <translation>Rangverlust (Kontrolle)</translation>
    </message>
    <message>
        <source>Control perplexity increase</source>
        <translation>Perplexitätsanstieg (Kontrolle)</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
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
        <translation>%1, Dim. %2: %3</translation>
    </message>
</context>
<context>
    <name>owb::models::HubCacheModel</name>
    <message>
        <source>owb cache list printed no repo list (%1)</source>
        <translation>owb cache list gab keine Repository-Liste aus (%1)</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Refs</source>
        <translation>Refs</translation>
    </message>
</context>
<context>
    <name>owb::models::JobTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>eingereiht</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>retry pending</source>
        <translation>Wiederholung ausstehend</translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
</context>
<context>
    <name>owb::models::LivePodsModel</name>
    <message>
        <source>Pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>$/hour</source>
        <translation>$/Stunde</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Cost so far</source>
        <translation>Bisherige Kosten</translation>
    </message>
    <message>
        <source>%1 (%2)%3</source>
        <translation>%1 (%2)%3</translation>
    </message>
    <message>
        <source>, kept running</source>
        <translation>, läuft weiter</translation>
    </message>
    <message>
        <source>no RunPod API key: states and prices are the ledger&apos;s</source>
        <translation>kein RunPod-API-Schlüssel: Zustände und Preise stammen aus dem Pod-Ledger</translation>
    </message>
    <message>
        <source>no RunPod API key: cannot terminate %1</source>
        <translation>kein RunPod-API-Schlüssel: %1 kann nicht beendet werden</translation>
    </message>
</context>
<context>
    <name>owb::models::ModelCatalog</name>
    <message>
        <source>model catalog: not valid (%1)</source>
        <translation>Modellkatalog: ungültig (%1)</translation>
    </message>
</context>
<context>
    <name>owb::models::ModelCatalogModel</name>
    <message>
        <source>Parameters: %1</source>
        <translation>Parameter: %1</translation>
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
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Hub id</source>
        <translation>Hub-ID</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
</context>
<context>
    <name>owb::models::OwbProcess</name>
    <message>
        <source>owb not found: set OWB_BINARY or install owb next to the application</source>
        <translation>owb nicht gefunden: OWB_BINARY setzen oder owb neben der Anwendung installieren</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>owb could not be started: %1</source>
        <translation>owb konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>owb crashed</source>
        <translation>owb ist abgestürzt</translation>
    </message>
    <message>
        <source>owb crashed: %1</source>
        <translation>owb ist abgestürzt: %1</translation>
    </message>
    <message>
        <source>owb exited with code %1</source>
        <translation>owb wurde mit Code %1 beendet</translation>
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
    <name>owb::models::SuperWeightCardsModel</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Col</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Input spike</source>
        <translation>Eingangsspitze</translation>
    </message>
    <message>
        <source>Output spike</source>
        <translation>Ausgangsspitze</translation>
    </message>
    <message>
        <source>PPL ratio (zeroed)</source>
        <translation>PPL-Verhältnis (genullt)</translation>
    </message>
    <message>
        <source>ΔPPL (zeroed)</source>
        <translation>ΔPPL (genullt)</translation>
    </message>
    <message>
        <source>Δloss (zeroed)</source>
        <translation>ΔLoss (genullt)</translation>
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
        <translation>Größtes |x| dieser Dimension über alle Hooks und Positionen</translation>
    </message>
    <message>
        <source>Hook tensors where the dimension hits / hook tensors analysed (2 per layer)</source>
        <translation>Hook-Tensoren mit Treffern der Dimension / analysierte Hook-Tensoren (2 pro Schicht)</translation>
    </message>
    <message>
        <source>Positions where the dimension hits in any hook / positions analysed</source>
        <translation>Positionen mit einem Treffer der Dimension in irgendeinem Hook / analysierte Positionen</translation>
    </message>
    <message>
        <source>Number of (hook, position) hits</source>
        <translation>Anzahl der Treffer (Hook, Position)</translation>
    </message>
    <message>
        <source>Number of hook tensors in layers_affected</source>
        <translation>Anzahl der Hook-Tensoren in layers_affected</translation>
    </message>
</context>
<context>
    <name>owb::models::TableFile</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>choose a .csv or .json file</source>
        <translation>wählen Sie eine .csv- oder .json-Datei</translation>
    </message>
</context>
<context>
    <name>owb::models::WorkspaceScanner</name>
    <message>
        <source>%1: not a folder</source>
        <translation>%1: kein Ordner</translation>
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
    <name>owb::widgets::CascadeSparkline</name>
    <message>
        <source>Cascade through the logit lens: Δentropy (blue) and Δmargin (orange) per layer, weight zeroed</source>
        <translation>Kaskade durch die Logit-Linse: ΔEntropie (blau) und ΔAbstand (orange) je Schicht, Gewicht genullt</translation>
    </message>
    <message>
        <source>cascade Δentropy / Δmargin</source>
        <translation>Kaskade ΔEntropie / ΔAbstand</translation>
    </message>
</context>
<context>
    <name>owb::widgets::CheckpointInfoPanel</name>
    <message>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <source>float16</source>
        <translation>float16</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>The dtype the model runs in, for the VRAM estimate.</source>
        <translation>Der Datentyp, in dem das Modell läuft, für die VRAM-Schätzung.</translation>
    </message>
    <message>
        <source>Family:</source>
        <translation>Familie:</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation>Schichten:</translation>
    </message>
    <message>
        <source>Hidden size:</source>
        <translation>Hidden Size:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>Active parameters:</source>
        <translation>Aktive Parameter:</translation>
    </message>
    <message>
        <source>Stored as:</source>
        <translation>Gespeichert als:</translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation>Größe auf der Festplatte:</translation>
    </message>
    <message>
        <source>VRAM estimate:</source>
        <translation>VRAM-Schätzung:</translation>
    </message>
    <message>
        <source>Compute dtype:</source>
        <translation>Rechen-Datentyp:</translation>
    </message>
    <message>
        <source>Checking %1 with owb inspect…</source>
        <translation>Prüfe %1 mit owb inspect…</translation>
    </message>
    <message>
        <source>%1 in %2 (weights only)</source>
        <translation>%1 in %2 (nur Gewichte)</translation>
    </message>
    <message>
        <source>%1 resident, %2 streaming, in %3 (weights only)</source>
        <translation>%1 resident, %2 beim Streaming, in %3 (nur Gewichte)</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>%1 resident, %2 streaming, in %3</source>
        <translation>%1 resident, %2 beim Streaming, in %3</translation>
    </message>
    <message>
        <source>, MoE: %1 experts, top-%2</source>
        <translation>, MoE: %1 Experten, Top-%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>owb has no estimate-vram command: the weights alone, without activations, at the compute dtype.</source>
        <translation>owb hat keinen Befehl estimate-vram: nur die Gewichte, ohne Aktivierungen, im Rechen-Datentyp.</translation>
    </message>
    <message>
        <source>From owb estimate-vram.</source>
        <translation>Aus owb estimate-vram.</translation>
    </message>
    <message>
        <source>A usable checkpoint (cached at %1).</source>
        <translation>Ein nutzbarer Checkpoint (im Cache unter %1).</translation>
    </message>
    <message>
        <source>A usable checkpoint.</source>
        <translation>Ein nutzbarer Checkpoint.</translation>
    </message>
    <message>
        <source>%1 is not in the Hugging Face cache yet: a run downloads it when it starts, or download it now in View &gt; Hugging Face Cache.</source>
        <translation>%1 ist noch nicht im Hugging-Face-Cache: ein Lauf lädt es beim Start herunter, oder laden Sie es jetzt unter Ansicht &gt; Hugging-Face-Cache herunter.</translation>
    </message>
    <message>
        <source>Not a usable checkpoint: %1</source>
        <translation>Kein nutzbarer Checkpoint: %1</translation>
    </message>
</context>
<context>
    <name>owb::widgets::CompareView</name>
    <message>
        <source>Hit share per layer of dim</source>
        <translation>Trefferanteil je Schicht von Dim.</translation>
    </message>
    <message>
        <source>at</source>
        <translation>bei</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>hit share (|x| ≥ threshold)</source>
        <translation>Trefferanteil (|x| ≥ Schwelle)</translation>
    </message>
    <message>
        <source>Show identical config.json keys too</source>
        <translation>Auch gleiche Schlüssel der config.json zeigen</translation>
    </message>
    <message>
        <source>Select two or more runs in the run store (Ctrl+click, Shift+click) to compare them.</source>
        <translation>Wählen Sie zwei oder mehr Läufe im Laufarchiv (Strg+Klick, Umschalt+Klick), um sie zu vergleichen.</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n run(s)…</source>
        <translation>
            <numerusform>Vergleiche %n Lauf…</numerusform>
            <numerusform>Vergleiche %n Läufe…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) side by side; %1 config.json key(s) differ.</source>
        <translation>
            <numerusform>%n Lauf nebeneinander; %1 Schlüssel der config.json unterscheiden sich.</numerusform>
            <numerusform>%n Läufe nebeneinander; %1 Schlüssel der config.json unterscheiden sich.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read: %1</source>
        <translation>Nicht lesbar: %1</translation>
    </message>
    <message>
        <source>any hook (max)</source>
        <translation>beliebiger Hook (Maximum)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>owb::widgets::DamageView</name>
    <message>
        <source>|Effective-rank reduction|</source>
        <translation>|Verlust an effektivem Rang|</translation>
    </message>
    <message>
        <source>Effective-rank reduction</source>
        <translation>Verlust an effektivem Rang</translation>
    </message>
    <message>
        <source>Perplexity increase</source>
        <translation>Perplexitätsanstieg</translation>
    </message>
    <message>
        <source>Perplexity after the attack</source>
        <translation>Perplexität nach dem Angriff</translation>
    </message>
    <message>
        <source>No power-law fit: fewer than 2 models with a mean &gt; 0</source>
        <translation>Keine Potenzgesetz-Anpassung: weniger als 2 Modelle mit Mittelwert &gt; 0</translation>
    </message>
    <message>
        <source>Power law: y = %1 · x^%2 (R² = %3)</source>
        <translation>Potenzgesetz: y = %1 · x^%2 (R² = %3)</translation>
    </message>
    <message>
        <source>Open results folder…</source>
        <translation>Ergebnisordner öffnen…</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Outlier filter:</source>
        <translation>Ausreißerfilter:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>IQR (k = 1.5)</source>
        <translation>IQR (k = 1,5)</translation>
    </message>
    <message>
        <source>z-score (t = 3)</source>
        <translation>z-Wert (t = 3)</translation>
    </message>
    <message>
        <source>Drops outlier runs per model, judged on the metric shown</source>
        <translation>Entfernt Ausreißer-Läufe je Modell, beurteilt nach der gezeigten Größe</translation>
    </message>
    <message>
        <source>|rank reduction|</source>
        <translation>|Rangverlust|</translation>
    </message>
    <message>
        <source>Structural damage as the size of the rank change, whatever its sign</source>
        <translation>Struktureller Schaden als Betrag der Rangänderung, gleich welches Vorzeichen</translation>
    </message>
    <message>
        <source>Total parameters</source>
        <translation>Parameter gesamt</translation>
    </message>
    <message>
        <source>Mean over runs, 95% CI</source>
        <translation>Mittel über Läufe, 95-%-KI</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Open damage results folder</source>
        <translation>Ordner mit Schadensergebnissen öffnen</translation>
    </message>
    <message>
        <source>No results folder open.</source>
        <translation>Kein Ergebnisordner geöffnet.</translation>
    </message>
    <message>
        <source>Cannot read the results: %1</source>
        <translation>Ergebnisse nicht lesbar: %1</translation>
    </message>
    <message>
        <source>No damage runs (folders with a results.json) in %1.</source>
        <translation>Keine Schadensläufe (Ordner mit results.json) in %1.</translation>
    </message>
    <message>
        <source>Open a folder of `owb damage` run folders to see the scaling law.</source>
        <translation>Öffnen Sie einen Ordner mit `owb damage`-Laufordnern, um das Skalierungsgesetz zu sehen.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Scaling law: %1 vs model size</source>
        <translation>Skalierungsgesetz: %1 gegen Modellgröße</translation>
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
        <translation>Höchstes max |x| %1 bei %2 (Schwelle %3).</translation>
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
        <translation>Schichten %: %1 (%2 Hook-Tensoren)</translation>
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
        <translation>max |x|: größter Betrag je Hook und Dimension; Trefferanteil: Positionen mit |x| &gt;= Schwelle / Positionen</translation>
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
        <translation>Dieser Lauf hat keine systematischen Dimensionen; „Nur systematische Dimensionen“ abwählen, um alle zu sehen.</translation>
    </message>
    <message>
        <source>%1
dim %2
max |x| = %3
hit share = %4 %</source>
        <translation>%1
Dim. %2
max |x| = %3
Trefferanteil = %4 %</translation>
    </message>
    <message>
        <source>
systematic</source>
        <translation>
systematisch</translation>
    </message>
    <message>
        <source>C&amp;ontour ≥</source>
        <translation>K&amp;ontur ≥</translation>
    </message>
    <message>
        <source>Outline the cells whose max |x| is at or above the threshold</source>
        <translation>Die Zellen umranden, deren max |x| die Schwelle erreicht oder überschreitet</translation>
    </message>
    <message>
        <source>Magnitude threshold of the contour (|x|)</source>
        <translation>Betragsschwelle der Kontur (|x|)</translation>
    </message>
</context>
<context>
    <name>owb::widgets::HubCacheDialog</name>
    <message>
        <source>Hugging Face Cache</source>
        <translation>Hugging-Face-Cache</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Remove the selected model from the cache, every revision of it.</source>
        <translation>Das gewählte Modell aus dem Cache entfernen, mit allen Revisionen.</translation>
    </message>
    <message>
        <source>Download a model into the cache</source>
        <translation>Ein Modell in den Cache herunterladen</translation>
    </message>
    <message>
        <source>Reading the cache…</source>
        <translation>Lese den Cache…</translation>
    </message>
    <message>
        <source>Could not read the cache: %1</source>
        <translation>Der Cache konnte nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n repo(s) in %1, %2 in all.</source>
        <translation>
            <numerusform>%n Repository in %1, insgesamt %2.</numerusform>
            <numerusform>%n Repositorys in %1, insgesamt %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset rows fetched by owb: %1.</source>
        <translation>Von owb geladene Datensatzzeilen: %1.</translation>
    </message>
    <message>
        <source>Delete Cached Model</source>
        <translation>Modell aus dem Cache löschen</translation>
    </message>
    <message>
        <source>Delete %1 (%2) from the Hugging Face cache? Every revision of it is removed; a later run downloads it again.</source>
        <translation>%1 (%2) aus dem Hugging-Face-Cache löschen? Alle Revisionen werden entfernt; ein späterer Lauf lädt es erneut herunter.</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>Lösche %1…</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>%1 konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
</context>
<context>
    <name>owb::widgets::HubDownloadPanel</name>
    <message>
        <source>org/name or org/name@revision</source>
        <translation>org/name oder org/name@revision</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Herunterladen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Not a hub id: %1</source>
        <translation>Keine Hub-ID: %1</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Lade %1 herunter…</translation>
    </message>
    <message>
        <source>Downloading %1: %2 (%3 of %4)</source>
        <translation>Lade %1 herunter: %2 (%3 von %4)</translation>
    </message>
    <message>
        <source>Download of %1 cancelled; a later download resumes it.</source>
        <translation>Download von %1 abgebrochen; ein späterer Download setzt ihn fort.</translation>
    </message>
    <message>
        <source>Download of %1 failed: %2</source>
        <translation>Download von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 is in the cache: %2 (%3 downloaded)</source>
        <translation>%1 ist im Cache: %2 (%3 heruntergeladen)</translation>
    </message>
</context>
<context>
    <name>owb::widgets::ImageExport</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
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
    <name>owb::widgets::LivePodsView</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Terminate the selected pod now (its job, if any, fails)</source>
        <translation>Den ausgewählten Pod jetzt beenden (sein Auftrag, falls vorhanden, schlägt fehl)</translation>
    </message>
    <message>
        <source>&lt;b&gt;RunPod pods&lt;/b&gt;</source>
        <translation>&lt;b&gt;RunPod-Pods&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No pod of this workspace is up.</source>
        <translation>Kein Pod dieses Arbeitsbereichs läuft.</translation>
    </message>
    <message numerus="yes">
        <source>%n pod(s) up, $%1/hour in all</source>
        <translation>
            <numerusform>%n Pod läuft, insgesamt $%1/Stunde</numerusform>
            <numerusform>%n Pods laufen, insgesamt $%1/Stunde</numerusform>
        </translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>Terminate pod</source>
        <translation>Pod beenden</translation>
    </message>
    <message>
        <source>Terminate pod %1 now? Whatever runs on it stops, and its disk is deleted.</source>
        <translation>Pod %1 jetzt beenden? Was darauf läuft, stoppt, und sein Datenträger wird gelöscht.</translation>
    </message>
</context>
<context>
    <name>owb::widgets::ModelPickerDialog</name>
    <message>
        <source>Pick Models</source>
        <translation>Modelle auswählen</translation>
    </message>
    <message>
        <source>&amp;Catalog</source>
        <translation>&amp;Katalog</translation>
    </message>
    <message>
        <source>&amp;Local folder</source>
        <translation>&amp;Lokaler Ordner</translation>
    </message>
    <message>
        <source>&amp;Hub id</source>
        <translation>&amp;Hub-ID</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Search name, hub id or family</source>
        <translation>Name, Hub-ID oder Familie suchen</translation>
    </message>
    <message>
        <source>All families</source>
        <translation>Alle Familien</translation>
    </message>
    <message>
        <source>MoE and dense</source>
        <translation>MoE und dicht</translation>
    </message>
    <message>
        <source>MoE only</source>
        <translation>Nur MoE</translation>
    </message>
    <message>
        <source>Dense only</source>
        <translation>Nur dicht</translation>
    </message>
    <message>
        <source>A Hugging Face checkpoint folder (config.json + safetensors)</source>
        <translation>Ein Hugging-Face-Checkpoint-Ordner (config.json + safetensors)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>org/name or org/name@revision, e.g. allenai/OLMoE-1B-7B-0125-Instruct</source>
        <translation>org/name oder org/name@revision, z. B. allenai/OLMoE-1B-7B-0125-Instruct</translation>
    </message>
    <message>
        <source>A hub id not in the Hugging Face cache is downloaded when its first run starts.</source>
        <translation>Eine Hub-ID, die nicht im Hugging-Face-Cache ist, wird beim Start ihres ersten Laufs heruntergeladen.</translation>
    </message>
    <message>
        <source>%1 of %2 models</source>
        <translation>%1 von %2 Modellen</translation>
    </message>
    <message>
        <source>Not a hub id: %1</source>
        <translation>Keine Hub-ID: %1</translation>
    </message>
    <message>
        <source>Choose Checkpoint Folder</source>
        <translation>Checkpoint-Ordner wählen</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Add %n Models</source>
        <translation>
            <numerusform>%n Modell &amp;hinzufügen</numerusform>
            <numerusform>%n Modelle &amp;hinzufügen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>owb::widgets::PodReconciler</name>
    <message numerus="yes">
        <source>RunPod: %n pod(s) in the ledger not checked: no API key (set RUNPOD_API_KEY or store one in Settings &gt; Remote Backends…)</source>
        <translation>
            <numerusform>RunPod: %n Pod im Ledger nicht geprüft: kein API-Schlüssel (RUNPOD_API_KEY setzen oder einen unter Einstellungen &gt; Entfernte Backends… speichern)</numerusform>
            <numerusform>RunPod: %n Pods im Ledger nicht geprüft: kein API-Schlüssel (RUNPOD_API_KEY setzen oder einen unter Einstellungen &gt; Entfernte Backends… speichern)</numerusform>
        </translation>
    </message>
    <message>
        <source>RunPod: the pod ledger could not be reconciled (%1); it is tried again when the workspace is next opened</source>
        <translation>RunPod: Das Pod-Ledger konnte nicht abgeglichen werden (%1); beim nächsten Öffnen des Arbeitsbereichs wird es erneut versucht</translation>
    </message>
    <message numerus="yes">
        <source>terminated %n pod(s) that no running job needs (%1)</source>
        <translation>
            <numerusform>%n Pod beendet, den kein laufender Auftrag braucht (%1)</numerusform>
            <numerusform>%n Pods beendet, die kein laufender Auftrag braucht (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>could not terminate %n pod(s) (%1): tried again next time</source>
        <translation>
            <numerusform>%n Pod konnte nicht beendet werden (%1): nächstes Mal erneut</numerusform>
            <numerusform>%n Pods konnten nicht beendet werden (%1): nächstes Mal erneut</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>kept %n pod(s) (a running job&apos;s, or keep_running: %1)</source>
        <translation>
            <numerusform>%n Pod behalten (eines laufenden Auftrags oder keep_running: %1)</numerusform>
            <numerusform>%n Pods behalten (laufender Aufträge oder keep_running: %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>closed %n ledger entry(s) of pods that no longer exist</source>
        <translation>
            <numerusform>%n Ledger-Eintrag eines nicht mehr vorhandenen Pods geschlossen</numerusform>
            <numerusform>%n Ledger-Einträge nicht mehr vorhandener Pods geschlossen</numerusform>
        </translation>
    </message>
    <message>
        <source>RunPod pods reconciled: nothing left over</source>
        <translation>RunPod-Pods abgeglichen: nichts übrig geblieben</translation>
    </message>
    <message>
        <source>RunPod pods reconciled: %1</source>
        <translation>RunPod-Pods abgeglichen: %1</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
</context>
<context>
    <name>owb::widgets::RemoteSettingsDialog</name>
    <message>
        <source>Remote backends</source>
        <translation>Entfernte Backends</translation>
    </message>
    <message>
        <source>RunPod</source>
        <translation>RunPod</translation>
    </message>
    <message>
        <source>SSH hosts</source>
        <translation>SSH-Hosts</translation>
    </message>
    <message>
        <source>SLURM</source>
        <translation>SLURM</translation>
    </message>
    <message>
        <source>stored (type to replace)</source>
        <translation>gespeichert (zum Ersetzen tippen)</translation>
    </message>
    <message>
        <source>rpa_...</source>
        <translation>rpa_...</translation>
    </message>
    <message>
        <source>$RUNPOD_API_KEY is set and takes precedence</source>
        <translation>$RUNPOD_API_KEY ist gesetzt und hat Vorrang</translation>
    </message>
    <message>
        <source>kept in %1, readable by you alone</source>
        <translation>in %1 abgelegt, nur für Sie lesbar</translation>
    </message>
    <message>
        <source>GPU type ids in preference order, comma-separated (the next is tried when one has no capacity)</source>
        <translation>GPU-Typ-IDs in Vorzugsreihenfolge, durch Kommas getrennt (ohne Kapazität wird der nächste versucht)</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>API URL</source>
        <translation>API-URL</translation>
    </message>
    <message>
        <source>GPU types</source>
        <translation>GPU-Typen</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <source>Container disk</source>
        <translation>Container-Datenträger</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Sweeps use the backend ssh:&lt;name&gt;</source>
        <translation>Sweeps verwenden das Backend ssh:&lt;name&gt;</translation>
    </message>
    <message>
        <source>$SSH_KEY_PATH, ~/.ssh/id_ed25519 or the ssh-agent</source>
        <translation>$SSH_KEY_PATH, ~/.ssh/id_ed25519 oder der ssh-agent</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Schlüsseldatei</translation>
    </message>
    <message>
        <source>Working dir</source>
        <translation>Arbeitsverzeichnis</translation>
    </message>
    <message>
        <source>owb command</source>
        <translation>owb-Befehl</translation>
    </message>
    <message>
        <source>Submit through SLURM on this login node (backend slurm:&lt;name&gt;)</source>
        <translation>Über SLURM auf diesem Login-Knoten einreichen (Backend slurm:&lt;name&gt;)</translation>
    </message>
    <message>
        <source>Login host</source>
        <translation>Login-Host</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPUs</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>host%1</source>
        <translation>host%1</translation>
    </message>
    <message>
        <source>connecting to %1:%2 ...</source>
        <translation>verbinde mit %1:%2 ...</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The API key could not be stored: %1</source>
        <translation>Der API-Schlüssel konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>owb::widgets::RunMonitor</name>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the selected job (a running worker is stopped; what it wrote stays).</source>
        <translation>Den gewählten Auftrag abbrechen (ein laufender Worker wird gestoppt; was er schrieb, bleibt).</translation>
    </message>
    <message>
        <source>Cancel S&amp;weep</source>
        <translation>S&amp;weep abbrechen</translation>
    </message>
    <message>
        <source>Cancel every unfinished job of the selected job&apos;s sweep.</source>
        <translation>Alle unfertigen Aufträge des Sweeps des gewählten Auftrags abbrechen.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Queue the selected failed or cancelled job again.</source>
        <translation>Den gewählten fehlgeschlagenen oder abgebrochenen Auftrag erneut einreihen.</translation>
    </message>
    <message>
        <source>Show &amp;Run</source>
        <translation>&amp;Lauf zeigen</translation>
    </message>
    <message>
        <source>Show the selected job&apos;s run folder in the heatmap (live while it runs).</source>
        <translation>Den Laufordner des gewählten Auftrags in der Heatmap zeigen (live, solange er läuft).</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>Beendete &amp;entfernen</translation>
    </message>
    <message>
        <source>Remove finished jobs from this list (their run folders stay).</source>
        <translation>Beendete Aufträge aus dieser Liste entfernen (ihre Laufordner bleiben).</translation>
    </message>
    <message>
        <source>Filter log lines</source>
        <translation>Protokollzeilen filtern</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>&amp;Mitlaufen</translation>
    </message>
    <message>
        <source>Keep the newest line in view.</source>
        <translation>Die neueste Zeile im Blick behalten.</translation>
    </message>
    <message>
        <source>Select a job to see its log.</source>
        <translation>Wählen Sie einen Auftrag, um sein Protokoll zu sehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
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
    <name>owb::widgets::SuperWeightCardWidget</name>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Spikes</source>
        <translation>Spitzen</translation>
    </message>
    <message>
        <source>input %1 (ch %2) · output %3 (ch %4)</source>
        <translation>Eingang %1 (Kanal %2) · Ausgang %3 (Kanal %4)</translation>
    </message>
    <message>
        <source>PPL zeroed</source>
        <translation>PPL genullt</translation>
    </message>
    <message>
        <source>%1 → %2  (×%3, %4)</source>
        <translation>%1 → %2  (×%3, %4)</translation>
    </message>
    <message>
        <source>acc %1, Δacc %2, Δacc_norm %3</source>
        <translation>acc %1, Δacc %2, Δacc_norm %3</translation>
    </message>
    <message>
        <source>Δloss</source>
        <translation>ΔLoss</translation>
    </message>
    <message>
        <source>Δentropy</source>
        <translation>ΔEntropie</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>Kontrollen</translation>
    </message>
    <message>
        <source>random coord Δloss %1 · neuron zeroed Δloss %2</source>
        <translation>zufällige Koordinate ΔLoss %1 · Neuron genullt ΔLoss %2</translation>
    </message>
    <message>
        <source>Tokens ↑</source>
        <translation>Tokens ↑</translation>
    </message>
    <message>
        <source>Tokens ↓</source>
        <translation>Tokens ↓</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer %1 · %2[%3, %4]&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:#666&apos;&gt;%5&lt;/span&gt;</source>
        <translation>&lt;b&gt;Schicht %1 · %2[%3, %4]&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:#666&apos;&gt;%5&lt;/span&gt;</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>From:
%1</source>
        <translation>Aus:
%1</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SuperWeightDetectionPlot</name>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>max |activation|</source>
        <translation>max |Aktivierung|</translation>
    </message>
    <message>
        <source>Select a super-weight card to see its detection passes.</source>
        <translation>Wählen Sie eine Superweight-Karte, um ihre Erkennungsdurchläufe zu sehen.</translation>
    </message>
    <message>
        <source>Detection passes: %1</source>
        <translation>Erkennungsdurchläufe: %1</translation>
    </message>
    <message>
        <source>pass %1 |input|</source>
        <translation>Durchlauf %1 |Eingang|</translation>
    </message>
    <message>
        <source>pass %1 |output|</source>
        <translation>Durchlauf %1 |Ausgang|</translation>
    </message>
    <message>
        <source>super weight found</source>
        <translation>gefundenes Superweight</translation>
    </message>
    <message>
        <source>selected super weight</source>
        <translation>gewähltes Superweight</translation>
    </message>
    <message>
        <source>spike threshold %1</source>
        <translation>Spitzenschwelle %1</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SuperWeightGrid</name>
    <message>
        <source>Sort by:</source>
        <translation>Sortieren nach:</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>|Value|</source>
        <translation>|Wert|</translation>
    </message>
    <message>
        <source>Perplexity ratio (zeroed)</source>
        <translation>Perplexitätsverhältnis (genullt)</translation>
    </message>
    <message>
        <source>Δloss (zeroed)</source>
        <translation>ΔLoss (genullt)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Descending</source>
        <translation>Absteigend</translation>
    </message>
    <message numerus="yes">
        <source>%n super weight(s)</source>
        <translation>
            <numerusform>%n Superweight</numerusform>
            <numerusform>%n Superweights</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Lade…</translation>
    </message>
    <message>
        <source>Could not read: %1</source>
        <translation>Nicht lesbar: %1</translation>
    </message>
    <message>
        <source>No super weights in this workspace: run `owb superweights` or `owb vocab` (or queue a super-weight job) and rescan.</source>
        <translation>Keine Superweights in diesem Arbeitsbereich: `owb superweights` oder `owb vocab` ausführen (oder einen Superweight-Auftrag einreihen) und neu einlesen.</translation>
    </message>
    <message>
        <source>Select a super-weight card to see its detection passes.</source>
        <translation>Wählen Sie eine Superweight-Karte, um ihre Erkennungsdurchläufe zu sehen.</translation>
    </message>
    <message>
        <source>This card comes from `owb vocab` only: its detection passes are in an `owb superweights` analysis.</source>
        <translation>Diese Karte stammt nur aus `owb vocab`: ihre Erkennungsdurchläufe stehen in einer Analyse von `owb superweights`.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1 · layer %2 · row %3 · col %4&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;%1 · Schicht %2 · Zeile %3 · Spalte %4&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Tensor &lt;code&gt;%1&lt;/code&gt;, value %2; input spike %3, output spike %4 (detection pass %5)</source>
        <translation>Tensor &lt;code&gt;%1&lt;/code&gt;, Wert %2; Eingangsspitze %3, Ausgangsspitze %4 (Erkennungsdurchlauf %5)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Perplexity&lt;/b&gt; intact %1; this weight zeroed %2 (Δ %3, ratio %4)</source>
        <translation>&lt;p&gt;&lt;b&gt;Perplexität&lt;/b&gt; unverändert %1; dieses Gewicht genullt %2 (Δ %3, Verhältnis %4)</translation>
    </message>
    <message>
        <source>&lt;br&gt;all super weights zeroed %1; all zeroed, super activations restored %2</source>
        <translation>&lt;br&gt;alle Superweights genullt %1; alle genullt, Super-Aktivierungen wiederhergestellt %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;%1: acc %2, Δacc %3, Δacc_norm %4</source>
        <translation>&lt;br&gt;%1: acc %2, Δacc %3, Δacc_norm %4</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Zeroed vs intact&lt;/b&gt; (owb vocab; control: random coordinate / neuron zeroed)&lt;br&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Genullt gegen unverändert&lt;/b&gt; (owb vocab; Kontrolle: zufällige Koordinate / Neuron genullt)&lt;br&gt;</translation>
    </message>
    <message>
        <source> [95% CI %1, %2]</source>
        <translation> [95-%-KI %1, %2]</translation>
    </message>
    <message>
        <source>%1: baseline %2, Δ %3%4; controls %5 / %6&lt;br&gt;</source>
        <translation>%1: Basis %2, Δ %3%4; Kontrollen %5 / %6&lt;br&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Neuron %1&apos;s vocabulary effect&lt;/b&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Vokabularwirkung von Neuron %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Token probability changes when zeroed&lt;/b&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Änderung der Token-Wahrscheinlichkeiten beim Nullen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;up: %1&lt;br&gt;down: %2</source>
        <translation>&lt;br&gt;hoch: %1&lt;br&gt;runter: %2</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#666&apos;&gt;Files: %1&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#666&apos;&gt;Dateien: %1&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SweepBackendPanel</name>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>Where the sweep&apos;s jobs run. SSH hosts, SLURM and the RunPod defaults are set in Settings &gt; Remote Backends…</source>
        <translation>Wo die Aufträge des Sweeps laufen. SSH-Hosts, SLURM und die RunPod-Vorgaben werden unter Einstellungen &gt; Entfernte Backends… festgelegt.</translation>
    </message>
    <message>
        <source>Jobs of this sweep&apos;s backend that run at the same time.</source>
        <translation>Aufträge dieses Sweep-Backends, die gleichzeitig laufen.</translation>
    </message>
    <message>
        <source>GPU type ids in preference order, comma-separated; empty: the list in Settings</source>
        <translation>GPU-Typ-IDs in Vorzugsreihenfolge, durch Kommas getrennt; leer: die Liste aus den Einstellungen</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>No: terminate each pod when its job ends</source>
        <translation>Nein: jeden Pod beenden, wenn sein Auftrag endet</translation>
    </message>
    <message>
        <source>Yes: keep pods running (billed until you terminate them)</source>
        <translation>Ja: Pods weiterlaufen lassen (berechnet, bis Sie sie beenden)</translation>
    </message>
    <message>
        <source>no minimum; &quot;auto&quot; or GiB</source>
        <translation>kein Minimum; „auto“ oder GiB</translation>
    </message>
    <message>
        <source>GPU types with less memory (x GPU count) are skipped. &quot;auto&quot;: the largest model&apos;s figure from owb estimate-vram for this sweep&apos;s run shape.</source>
        <translation>GPU-Typen mit weniger Speicher (x GPU-Anzahl) werden übersprungen. „auto“: der Wert des größten Modells aus owb estimate-vram für die Laufform dieses Sweeps.</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>keine Obergrenze</translation>
    </message>
    <message>
        <source>A pod&apos;s price cap (all its GPUs together): GPU types above it are never requested.</source>
        <translation>Preisobergrenze eines Pods (alle seine GPUs zusammen): teurere GPU-Typen werden nie angefordert.</translation>
    </message>
    <message>
        <source>The sweep&apos;s budget: past it nothing more is launched and its pods are terminated.</source>
        <translation>Das Budget des Sweeps: darüber hinaus wird nichts mehr gestartet, und seine Pods werden beendet.</translation>
    </message>
    <message>
        <source>GPU types:</source>
        <translation>GPU-Typen:</translation>
    </message>
    <message>
        <source>GPUs per pod:</source>
        <translation>GPUs pro Pod:</translation>
    </message>
    <message>
        <source>Cloud:</source>
        <translation>Cloud:</translation>
    </message>
    <message>
        <source>Container disk:</source>
        <translation>Container-Datenträger:</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Image:</translation>
    </message>
    <message>
        <source>Keep running:</source>
        <translation>Weiterlaufen lassen:</translation>
    </message>
    <message>
        <source>Min. VRAM (GiB):</source>
        <translation>Min. VRAM (GiB):</translation>
    </message>
    <message>
        <source>Max. $/hour per pod:</source>
        <translation>Max. $/Stunde pro Pod:</translation>
    </message>
    <message>
        <source>Max. total $:</source>
        <translation>Max. gesamt $:</translation>
    </message>
    <message>
        <source>Run on:</source>
        <translation>Ausführen auf:</translation>
    </message>
    <message>
        <source>Parallel jobs:</source>
        <translation>Parallele Aufträge:</translation>
    </message>
    <message>
        <source>%1 (not in Settings &gt; Remote Backends)</source>
        <translation>%1 (nicht in Einstellungen &gt; Entfernte Backends)</translation>
    </message>
    <message>
        <source>This machine (local)</source>
        <translation>Dieser Rechner (lokal)</translation>
    </message>
    <message>
        <source>RunPod</source>
        <translation>RunPod</translation>
    </message>
    <message>
        <source>(change it in Settings &gt; Remote Backends…)</source>
        <translation>(ändern unter Einstellungen &gt; Entfernte Backends…)</translation>
    </message>
    <message>
        <source>SSH host %1</source>
        <translation>SSH-Host %1</translation>
    </message>
    <message>
        <source>%1, runs in %2 with %3 %4</source>
        <translation>%1, läuft in %2 mit %3 %4</translation>
    </message>
    <message>
        <source>SLURM on %1</source>
        <translation>SLURM auf %1</translation>
    </message>
    <message>
        <source>sbatch %1 on %2, runs in %3 %4</source>
        <translation>sbatch %1 auf %2, läuft in %3 %4</translation>
    </message>
    <message>
        <source>as in Settings (1)</source>
        <translation>wie in den Einstellungen (1)</translation>
    </message>
    <message>
        <source>as in Settings (%1)</source>
        <translation>wie in den Einstellungen (%1)</translation>
    </message>
    <message>
        <source>as in Settings (%1 GB)</source>
        <translation>wie in den Einstellungen (%1 GB)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number of GiB or auto</source>
        <translation>%1: „%2“ ist weder eine Zahl in GiB noch auto</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an amount of US dollars</source>
        <translation>%1: „%2“ ist kein Betrag in US-Dollar</translation>
    </message>
    <message>
        <source>%1: must be more than 0 GiB (leave it empty for no minimum)</source>
        <translation>%1: muss größer als 0 GiB sein (leer lassen für kein Minimum)</translation>
    </message>
    <message>
        <source>%1: must be more than $0 (leave it empty for no cap)</source>
        <translation>%1: muss größer als $0 sein (leer lassen für keine Obergrenze)</translation>
    </message>
    <message>
        <source>backend.kind: &quot;%1&quot; is not set up in Settings &gt; Remote Backends…</source>
        <translation>backend.kind: „%1“ ist unter Einstellungen &gt; Entfernte Backends… nicht eingerichtet</translation>
    </message>
    <message>
        <source>min. VRAM auto: add a model to estimate it</source>
        <translation>Min. VRAM auto: ein Modell hinzufügen, um ihn zu schätzen</translation>
    </message>
    <message>
        <source>min. VRAM auto: estimating with owb estimate-vram…</source>
        <translation>Min. VRAM auto: wird mit owb estimate-vram geschätzt…</translation>
    </message>
    <message>
        <source>min. VRAM auto = %1 GiB (%2 needs the most)</source>
        <translation>Min. VRAM auto = %1 GiB (%2 braucht am meisten)</translation>
    </message>
    <message numerus="yes">
        <source>worst case $%1/hour (%n pod(s) at once x $%2/hour)</source>
        <translation>
            <numerusform>schlimmstenfalls $%1/Stunde (%n Pod gleichzeitig x $%2/Stunde)</numerusform>
            <numerusform>schlimmstenfalls $%1/Stunde (%n Pods gleichzeitig x $%2/Stunde)</numerusform>
        </translation>
    </message>
    <message>
        <source>max. total $%1 lasts at least %2 h at that rate</source>
        <translation>max. gesamt $%1 reicht bei diesem Satz mindestens %2 h</translation>
    </message>
    <message>
        <source>Estimate: set min. VRAM to auto or a max. $/hour to see the VRAM and the worst-case cost here.</source>
        <translation>Schätzung: Min. VRAM auf auto oder ein max. $/Stunde setzen, um hier VRAM und Kosten im schlimmsten Fall zu sehen.</translation>
    </message>
    <message>
        <source>Estimate: %1</source>
        <translation>Schätzung: %1</translation>
    </message>
    <message>
        <source>as in Settings (terminate)</source>
        <translation>wie in den Einstellungen (beenden)</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SweepEditor</name>
    <message>
        <source>Names the folder the runs go to: &lt;workspace&gt;/runs/&lt;name&gt;/.</source>
        <translation>Benennt den Ordner der Läufe: &lt;workspace&gt;/runs/&lt;name&gt;/.</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>&amp;Add Model Folder…</source>
        <translation>Modell&amp;ordner hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>P&amp;ick…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <source>Pick models from the catalog, a checked checkpoint folder or a Hugging Face id.</source>
        <translation>Modelle aus dem Katalog, einem geprüften Checkpoint-Ordner oder per Hugging-Face-ID wählen.</translation>
    </message>
    <message>
        <source>Analyses</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <source>&amp;Outliers</source>
        <translation>A&amp;usreißer</translation>
    </message>
    <message>
        <source>&amp;Perplexity</source>
        <translation>&amp;Perplexität</translation>
    </message>
    <message>
        <source>Outliers + perplexity in &amp;one pass</source>
        <translation>Ausreißer + Perplexität in &amp;einem Durchlauf</translation>
    </message>
    <message>
        <source>Systematic-outlier criteria</source>
        <translation>Kriterien für systematische Ausreißer</translation>
    </message>
    <message>
        <source>|x| at or above this counts as an outlier.</source>
        <translation>|x| ab diesem Wert zählt als Ausreißer.</translation>
    </message>
    <message>
        <source>Fraction of analysed hook tensors a dimension must hit.</source>
        <translation>Anteil der analysierten Hook-Tensoren, den eine Dimension treffen muss.</translation>
    </message>
    <message>
        <source>Fraction of sequence positions a dimension must hit.</source>
        <translation>Anteil der Sequenzpositionen, den eine Dimension treffen muss.</translation>
    </message>
    <message>
        <source>&amp;Dettmers 2022</source>
        <translation>&amp;Dettmers 2022</translation>
    </message>
    <message>
        <source>Magnitude 6.0, 25 % of layers, 6 % of positions (LLM.int8(), Dettmers et al. 2022).</source>
        <translation>Betrag 6,0, 25 % der Schichten, 6 % der Positionen (LLM.int8(), Dettmers et al. 2022).</translation>
    </message>
    <message>
        <source>Magnitude threshold:</source>
        <translation>Betragsschwelle:</translation>
    </message>
    <message>
        <source>Min. layer share:</source>
        <translation>Min. Schichtanteil:</translation>
    </message>
    <message>
        <source>Min. sequence share:</source>
        <translation>Min. Positionsanteil:</translation>
    </message>
    <message>
        <source>Dataset and run options</source>
        <translation>Datensatz und Laufoptionen</translation>
    </message>
    <message>
        <source>.txt or .jsonl file, or a folder of them</source>
        <translation>.txt- oder .jsonl-Datei oder ein Ordner davon</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <source>float16</source>
        <translation>float16</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <source>Sequences:</source>
        <translation>Sequenzen:</translation>
    </message>
    <message>
        <source>Sequence length (tokens):</source>
        <translation>Sequenzlänge (Tokens):</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Weights dtype:</source>
        <translation>Datentyp der Gewichte:</translation>
    </message>
    <message>
        <source>&amp;Save Sweep…</source>
        <translation>Sweep &amp;speichern…</translation>
    </message>
    <message>
        <source>L&amp;oad Sweep…</source>
        <translation>Sweep &amp;laden…</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Sweep &amp;name:</source>
        <translation>Sweep-&amp;Name:</translation>
    </message>
    <message numerus="yes">
        <source>+ %n more threshold set(s) from the file</source>
        <translation>
            <numerusform>+ %n weiterer Schwellensatz aus der Datei</numerusform>
            <numerusform>+ %n weitere Schwellensätze aus der Datei</numerusform>
        </translation>
    </message>
    <message>
        <source>models[%1]: %2 has no config.json</source>
        <translation>models[%1]: %2 hat keine config.json</translation>
    </message>
    <message>
        <source>dataset.name: %1 does not exist</source>
        <translation>dataset.name: %1 existiert nicht</translation>
    </message>
    <message>
        <source>Open a workspace first: runs are written to &lt;workspace&gt;/runs/.</source>
        <translation>Öffnen Sie zuerst einen Arbeitsbereich: Läufe werden nach &lt;workspace&gt;/runs/ geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>Queue %n job(s).</source>
        <translation>
            <numerusform>%n Auftrag einreihen.</numerusform>
            <numerusform>%n Aufträge einreihen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Model Folder</source>
        <translation>Modellordner hinzufügen</translation>
    </message>
    <message>
        <source>Choose Dataset</source>
        <translation>Datensatz wählen</translation>
    </message>
    <message>
        <source>Text datasets (*.jsonl *.txt);;All files (*)</source>
        <translation>Textdatensätze (*.jsonl *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save Sweep</source>
        <translation>Sweep speichern</translation>
    </message>
    <message>
        <source>Sweep files (*.json)</source>
        <translation>Sweep-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Load Sweep</source>
        <translation>Sweep laden</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SystematicTableView</name>
    <message>
        <source>No systematic-outlier list: select a run with a final_analysis_results.json.</source>
        <translation>Keine Liste systematischer Ausreißer: wählen Sie einen Lauf mit final_analysis_results.json.</translation>
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
    <name>owb::widgets::TabExport</name>
    <message>
        <source>Super-weight cards (CSV, JSON)</source>
        <translation>Superweight-Karten (CSV, JSON)</translation>
    </message>
    <message>
        <source>Super-weight detection plot (PNG, SVG)</source>
        <translation>Superweight-Erkennungsdiagramm (PNG, SVG)</translation>
    </message>
    <message>
        <source>Compare table (CSV, JSON)</source>
        <translation>Vergleichstabelle der Läufe (CSV, JSON)</translation>
    </message>
    <message>
        <source>Compare config differences (CSV, JSON)</source>
        <translation>Unterschiede der config.json (CSV, JSON)</translation>
    </message>
    <message>
        <source>Compare profile of dim %1 (PNG, SVG)</source>
        <translation>Vergleichsprofil von Dim. %1 (PNG, SVG)</translation>
    </message>
</context>
<context>
    <name>owb::widgets::WorkspaceExport</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: no run has both %2 and %3</source>
        <translation>%1: kein Lauf hat sowohl %2 als auch %3</translation>
    </message>
    <message>
        <source>%1: max |x| per hook point and feature dimension</source>
        <translation>%1: max |x| je Hook-Punkt und Merkmalsdimension</translation>
    </message>
    <message>
        <source>%1: no layer_stats.json, no heatmap</source>
        <translation>%1: keine layer_stats.json, keine Heatmap</translation>
    </message>
    <message>
        <source>%1: not a folder</source>
        <translation>%1: kein Ordner</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1: Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1: no run folders</source>
        <translation>%1: keine Laufordner</translation>
    </message>
</context>
</TS>
