package dev.ferry.engine.data;

import org.junit.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;

public class BatchSizerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    public void growsWhileFullCallsAreQuickUpToItsMost() {
        BatchSizer sizer = new BatchSizer();
        assertEquals(BatchSizer.FIRST, sizer.size());
        sizer.took(BatchSizer.FIRST, 30 * MS);
        assertEquals(2 * BatchSizer.FIRST, sizer.size());
        for (int i = 0; i < 10; i++) {
            sizer.took(sizer.size(), 100 * MS);
        }
        assertEquals(BatchSizer.MOST, sizer.size());
    }

    @Test
    public void aPartCallTellsNothingAboutGrowing() {
        BatchSizer sizer = new BatchSizer();
        sizer.took(10, MS); // the queue held only ten actions
        assertEquals(BatchSizer.FIRST, sizer.size());
    }

    @Test
    public void shrinksWhenACallOfItsSizeWouldTakeTooLongDownToItsFewest() {
        BatchSizer sizer = new BatchSizer();
        sizer.took(100, 1000 * MS); // 10 ms an action: 2,000 would take 20 s
        assertEquals(BatchSizer.FIRST / 2, sizer.size());
        for (int i = 0; i < 20; i++) {
            sizer.took(sizer.size(), sizer.size() * 100 * MS);
        }
        assertEquals(BatchSizer.FEWEST, sizer.size());
        sizer.took(sizer.size(), 3000 * MS); // between the two lines: stays
        assertEquals(BatchSizer.FEWEST, sizer.size());
    }
}
